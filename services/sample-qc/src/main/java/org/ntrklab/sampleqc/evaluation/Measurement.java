package org.ntrklab.sampleqc.evaluation;

import org.ntrklab.sampleqc.rules.MetricSource;

/**
 * The latest bench measurement of one kind for an accession. Only the fields of its kind are set.
 *
 * @param tumourCellsPresent and {@code tumourNucleiPercent}: tumour content assessment
 * @param yieldNg and the rest: nucleic-acid extraction
 */
public record Measurement(MetricSource source, String eventId, long occurredAtMillis, Boolean tumourCellsPresent,
        Double tumourNucleiPercent, String extractionId, Double yieldNg, Double dv200Percent, Double ffpeDeltaCt) {

    public static Measurement tumourContent(String eventId, long occurredAtMillis, boolean cellsPresent, Double percent) {
        return new Measurement(MetricSource.TUMOUR_CONTENT, eventId, occurredAtMillis, cellsPresent, percent, null, null,
                null, null);
    }

    public static Measurement extraction(MetricSource source, String eventId, long occurredAtMillis, String extractionId,
            double yieldNg, Double dv200Percent, Double ffpeDeltaCt) {
        return new Measurement(source, eventId, occurredAtMillis, null, null, extractionId, yieldNg, dv200Percent,
                ffpeDeltaCt);
    }
}
