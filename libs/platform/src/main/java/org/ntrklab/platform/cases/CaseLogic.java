package org.ntrklab.platform.cases;

/**
 * A service's own decisions over its cases: pure functions of the case's state and one input (or the
 * clock), with no access to Kafka, stores or metrics. The case runtime reads the state, calls these and
 * applies the {@link Decision}.
 *
 * @param <I> the service's sealed input type
 * @param <S> the case state
 * @param <O> the service's sealed output type
 */
public interface CaseLogic<I, S, O> {

    /**
     * @param state the case's state, or null when the case is new
     * @param context the processing time and, for services that number their cases, the partition and its
     *     sequence
     */
    Decision<S, O> decide(String key, S state, I input, CaseContext context);

    /**
     * Called for every case at each housekeeping interval: expiry, eviction, late announcements. The
     * default keeps every case as it is.
     */
    default Decision<S, O> housekeep(String key, S state, CaseContext context) {
        return Decision.unchanged("kept");
    }
}
