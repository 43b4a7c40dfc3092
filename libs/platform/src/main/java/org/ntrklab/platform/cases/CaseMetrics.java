package org.ntrklab.platform.cases;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The service's counters the case runtime feeds: one count per input by type and outcome, and one call per
 * event written. Labels come from the service's own vocabulary, never from record content.
 */
public interface CaseMetrics<O> {

    /**
     * Where the runtime registers its own gauges ({@value CaseRuntime#STORE_ENTRIES}: the cases each store
     * holds, per store); none are registered when null.
     */
    default MeterRegistry registry() {
        return null;
    }

    void input(String type, String outcome);

    default void written(O output) {
    }

    /**
     * Housekeeping of one case threw: the case is left as it was and the other cases are still kept. The
     * runtime logs the failure without the case's content.
     */
    default void housekeepingFailed() {
    }
}
