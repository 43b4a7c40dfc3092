package org.ntrklab.platform.cases;

import java.util.function.Function;
import org.ntrklab.platform.streams.TaskCounts;

/**
 * Counts derived from each case's state (e.g. open orders by assay and state), kept per stream task by the
 * case runtime: counted from the store when a task starts, adjusted by the difference between the old and
 * the new state on every change, dropped when the task closes. The service registers gauges that read
 * {@code counts}.
 *
 * @param countsOf one count per slot of {@code counts} for a state; never called with null
 */
public record CaseGauge<S>(TaskCounts counts, Function<S, long[]> countsOf) {

    /**
     * Counts that depend on the clock as well as on the state (e.g. cases past their deadline): counted
     * afresh over every case of a task when it starts and at each housekeeping, rather than followed change
     * by change.
     *
     * @param countsOf one count per slot of {@code counts}; never called with a null state
     */
    public record Swept<S>(TaskCounts counts, java.util.function.BiFunction<S, CaseContext, long[]> countsOf) {
    }

    /** A gauge of the cases for which {@code test} holds (one slot). */
    public static <S> CaseGauge<S> counting(TaskCounts counts, java.util.function.Predicate<S> test) {
        return new CaseGauge<>(counts, s -> new long[] {test.test(s) ? 1 : 0});
    }
}
