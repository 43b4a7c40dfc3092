package org.ntrklab.sampleqc.evaluation;

import org.ntrklab.sampleqc.rules.MetricSource;

/**
 * The latest bench measurement of one kind for an accession. Only the fields of its kind are set.
 *
 * @param tumourCellsPresent and {@code tumourNucleiPercent}, {@code blockId}: tumour content assessment
 * @param extractionId and the rest: nucleic-acid extraction
 * @param arrivedWallMillis wall-clock time sample-qc received it, for the wait for a missing accession;
 *     null when not known (state written by an earlier version)
 */
public record Measurement(MetricSource source, String eventId, long occurredAtMillis, Boolean tumourCellsPresent,
        Double tumourNucleiPercent, String blockId, String extractionId, Double yieldNg, Double dv200Percent,
        Double ffpeDeltaCt, Long arrivedWallMillis) {

    public static Measurement tumourContent(String eventId, long occurredAtMillis, boolean cellsPresent, Double percent) {
        return new Measurement(MetricSource.TUMOUR_CONTENT, eventId, occurredAtMillis, cellsPresent, percent, null, null,
                null, null, null, null);
    }

    public static Measurement extraction(MetricSource source, String eventId, long occurredAtMillis, String extractionId,
            double yieldNg, Double dv200Percent, Double ffpeDeltaCt) {
        return new Measurement(source, eventId, occurredAtMillis, null, null, null, extractionId, yieldNg, dv200Percent,
                ffpeDeltaCt, null);
    }

    Measurement withBlock(String block) {
        return new Measurement(source, eventId, occurredAtMillis, tumourCellsPresent, tumourNucleiPercent, block,
                extractionId, yieldNg, dv200Percent, ffpeDeltaCt, arrivedWallMillis);
    }

    Measurement arrivedAt(long wallMillis) {
        return new Measurement(source, eventId, occurredAtMillis, tumourCellsPresent, tumourNucleiPercent, blockId,
                extractionId, yieldNg, dv200Percent, ffpeDeltaCt, wallMillis);
    }

    /**
     * Whether this is a further result for the same material as {@code earlier}: the same extraction, or
     * the same block assessed again. Such a result completes the earlier one; any other result replaces it.
     */
    boolean sameMaterialAs(Measurement earlier) {
        if (source == MetricSource.TUMOUR_CONTENT) {
            return java.util.Objects.equals(blockId, earlier.blockId());
        }
        return extractionId != null && extractionId.equals(earlier.extractionId());
    }

    /**
     * This result, with any metric it does not report taken from the earlier result for the same material:
     * a re-assessment that gives no tumour percentage does not make a known 5% unknown.
     */
    Measurement completedFrom(Measurement earlier) {
        return new Measurement(source, eventId, occurredAtMillis,
                tumourCellsPresent != null ? tumourCellsPresent : earlier.tumourCellsPresent(),
                tumourNucleiPercent != null || Boolean.FALSE.equals(tumourCellsPresent) ? tumourNucleiPercent
                        : earlier.tumourNucleiPercent(),
                blockId, extractionId, yieldNg != null ? yieldNg : earlier.yieldNg(),
                dv200Percent != null ? dv200Percent : earlier.dv200Percent(),
                ffpeDeltaCt != null ? ffpeDeltaCt : earlier.ffpeDeltaCt(), arrivedWallMillis);
    }
}
