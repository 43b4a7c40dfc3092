package org.ntrklab.reporting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportCommandRejection;
import org.ntrklab.platform.cases.CaseGauge;
import org.ntrklab.platform.cases.CaseMetrics;
import org.ntrklab.platform.streams.TaskCounts;
import org.ntrklab.reporting.report.ReportCase;
import org.ntrklab.reporting.report.ReportOutput;
import org.ntrklab.reporting.report.ReportVersion;
import org.ntrklab.reporting.report.VersionKind;

/**
 * Reporting metrics, with low-cardinality labels only (overall status, version kind, rejection); never an
 * accession. The awaiting-sign-out gauge is the sum of this instance's tasks: the case runtime counts each
 * task's store when the task starts and follows every change after that.
 */
public final class ReportingMetrics implements CaseMetrics<ReportOutput> {

    static final String REPORTS = "ntrk.reports";
    static final String SIGN_OUT_LATENCY = "ntrk.report.sign.out.latency";
    static final String AWAITING = "ntrk.reports.awaiting.sign.out";
    static final String REJECTIONS = "ntrk.report.command.rejections";
    static final String INPUTS = "ntrk.reporting.inputs";

    private final MeterRegistry registry;
    private final TaskCounts awaiting = new TaskCounts(1);

    public ReportingMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (OverallCall call : OverallCall.values()) {
            for (VersionKind kind : VersionKind.values()) {
                reports(call, kind);
            }
        }
        for (ReportCommandRejection r : ReportCommandRejection.values()) {
            rejections(r);
        }
        for (VersionKind kind : new VersionKind[] {VersionKind.FINAL, VersionKind.AMENDED}) {
            signOutLatency(kind);
        }
        Gauge.builder(AWAITING, awaiting, counts -> counts.sum(0))
                .description("Accessions whose latest report version is a draft awaiting a pathologist's sign-out")
                .register(registry);
    }

    @Override
    public MeterRegistry registry() {
        return registry;
    }

    /** The accessions whose latest version is a draft awaiting sign-out, counted per task by the case runtime. */
    CaseGauge<ReportCase> awaitingSignOut() {
        return CaseGauge.counting(awaiting, c -> c.readyForSignOut() != null);
    }

    @Override
    public void written(ReportOutput output) {
        if (output instanceof ReportOutput.Drafted d) {
            reports(d.version().body().overallCall(), VersionKind.DRAFT).increment();
        } else if (output instanceof ReportOutput.Issued i) {
            ReportVersion v = i.version();
            reports(v.body().overallCall(), v.kind()).increment();
            if (v.kind() == VersionKind.FINAL || (v.kind() == VersionKind.AMENDED && v.draftedAt() != null
                    && !v.draftedAt().equals(v.occurredAt()))) {
                // Event time from draft to sign-out: how long the report waited for the pathologist.
                Duration waited = Duration.between(v.draftedAt(), v.occurredAt());
                signOutLatency(v.kind()).record(waited.isNegative() ? Duration.ZERO : waited);
            }
        } else if (output instanceof ReportOutput.Rejected r) {
            rejections(r.rejection()).increment();
        }
    }

    @Override
    public void input(String type, String outcome) {
        Counter.builder(INPUTS).description("Events reporting read, by what it made of them")
                .tag("type", type).tag("outcome", outcome).register(registry).increment();
    }

    private Counter reports(OverallCall call, VersionKind kind) {
        return Counter.builder(REPORTS)
                .description("Report versions written to ntrk.reports, by overall status and version kind"
                        + " (DRAFT, FINAL, AMENDED, CORRECTED)")
                .tag("overall_status", call.name()).tag("version_kind", kind.name()).register(registry);
    }

    private Timer signOutLatency(VersionKind kind) {
        return Timer.builder(SIGN_OUT_LATENCY)
                .description("Event time from a report's draft to its sign-out, by the kind of version issued")
                .tag("version_kind", kind.name())
                .serviceLevelObjectives(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8),
                        Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(5))
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofDays(30))
                .register(registry);
    }

    private Counter rejections(ReportCommandRejection rejection) {
        return Counter.builder(REJECTIONS).description("Report commands not carried out, by reason")
                .tag("rejection", rejection.name()).register(registry);
    }
}
