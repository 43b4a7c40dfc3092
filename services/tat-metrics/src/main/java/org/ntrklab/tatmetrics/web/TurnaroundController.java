package org.ntrklab.tatmetrics.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ntrklab.events.AssayType;
import org.ntrklab.platform.query.NotFound;
import org.ntrklab.platform.query.StateLookup;
import org.ntrklab.platform.query.StateQueries;
import org.ntrklab.tatmetrics.TatSettings;
import org.ntrklab.tatmetrics.TatTopology;
import org.ntrklab.tatmetrics.timeline.CaseTimeline;
import org.ntrklab.tatmetrics.timeline.TatClerk;
import org.ntrklab.tatmetrics.timeline.WorkingDaysSummary;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Turnaround of one case (answered by whichever instance holds it) and percentiles per measure across
 * all cases (gathered from the instances that hold each measure).
 */
@RestController
class TurnaroundController {

    private final StateLookup<CaseTimeline> timelines;
    private final StateLookup<WorkingDaysSummary> summaries;
    private final TatClerk clerk;
    private final Clock clock = Clock.systemUTC();

    private final boolean wallClock;

    TurnaroundController(StateQueries queries, TatClerk clerk, TatSettings settings) {
        this.timelines = queries.store(TatTopology.TIMELINES);
        this.summaries = queries.store(TatTopology.SUMMARY);
        this.clerk = clerk;
        this.wallClock = settings.clock() == TatSettings.Clock.WALL_CLOCK;
    }

    @GetMapping("/tat/cases/{accessionId}")
    ResponseEntity<?> tatCase(@PathVariable String accessionId) {
        // On the stream-time clock "now" is not today: elapsed time would mislead, so it is left out.
        return ResponseEntity.ok(timelines.byKey(accessionId)
                .map(t -> CaseTurnaroundView.of(t, clerk, wallClock ? clock.instant() : null))
                .orElseThrow(() -> new NotFound("tat-metrics holds no timeline for accession " + accessionId)));
    }

    /** p50 and p90 in working days of the case clock and of each assay's test clock. */
    @GetMapping("/tat/summary")
    Map<String, Object> summary() {
        List<MeasureSummary> measures = new ArrayList<>();
        List<String> keys = new ArrayList<>(List.of("CASE"));
        for (AssayType assay : AssayType.values()) {
            keys.add("TEST:" + assay);
        }
        for (String key : keys) {
            measures.add(summaries.fetch(key, "/tat/summary/" + key, s -> Optional.of(MeasureSummary.of(key, s)),
                    MeasureSummary.class).orElse(MeasureSummary.of(key, WorkingDaysSummary.empty())));
        }
        return Map.of("measures", measures, "caseTargetWorkingDays", clerk.targets().caseWorkingDays(),
                "testTargetWorkingDays", clerk.targets().testWorkingDays());
    }

    /** One measure's summary, as held by this instance (the summary endpoint gathers these). */
    @GetMapping("/tat/summary/{measure}")
    ResponseEntity<?> measure(@PathVariable String measure) {
        if (!measure.equals("CASE") && !measure.startsWith("TEST:")) {
            throw new NotFound("measures are CASE or TEST:<assay>, e.g. TEST:RNA_NGS");
        }
        return ResponseEntity.ok(summaries.byKey(measure).map(s -> MeasureSummary.of(measure, s))
                .orElseThrow(() -> new NotFound("no finished " + measure + " turnaround yet")));
    }
}
