package org.ntrklab.platform.cases;

import java.util.List;

/**
 * One stream task's share of a service's gauges: the store's size and the {@link CaseGauge}s, followed case
 * by case, and the {@link CaseGauge.Swept} gauges, counted afresh at each sweep. A task's counts are dropped
 * when it closes, as it may move to another instance.
 */
final class TaskGauges<S> {

    private final String task;
    private final CaseRuntime<?, S, ?> runtime;

    TaskGauges(String task, CaseRuntime<?, S, ?> runtime) {
        this.task = task;
        this.runtime = runtime;
    }

    /** Counts kept over a walk through every case of the task, then set as the task's. */
    final class Totals {
        private final long[][] followed = zeros(runtime.gauges.stream().map(g -> g.counts().slots()).toList());
        private final long[][] swept = zeros(runtime.sweptGauges.stream().map(g -> g.counts().slots()).toList());
        private long entries;

        /** A case as it is kept (for the store's size and the followed gauges). */
        void kept(S state) {
            entries++;
            for (int g = 0; g < followed.length; g++) {
                add(followed[g], runtime.gauges.get(g).countsOf().apply(state));
            }
        }

        /** A case as it is after housekeeping (for the swept gauges). */
        void swept(S state, CaseContext at) {
            for (int g = 0; g < swept.length; g++) {
                add(swept[g], runtime.sweptGauges.get(g).countsOf().apply(state, at));
            }
        }

        /** The task's followed counts and store size are these (after a restore). */
        void setFollowed() {
            runtime.entries.reset(task, new long[] {entries});
            for (int g = 0; g < followed.length; g++) {
                runtime.gauges.get(g).counts().reset(task, followed[g]);
            }
        }

        /** The task's swept counts are these. */
        void setSwept() {
            for (int g = 0; g < swept.length; g++) {
                runtime.sweptGauges.get(g).counts().reset(task, swept[g]);
            }
        }
    }

    Totals totals() {
        return new Totals();
    }

    /**
     * What a change from {@code before} to {@code after} (either null when the case did not or no longer
     * exists) moves in the counts, worked out before anything is written, as it runs the service's own
     * counting; the returned action applies it once the change is written, and cannot fail.
     */
    Runnable change(S before, S after) {
        long entries = before == null && after != null ? 1 : before != null && after == null ? -1 : 0;
        long[][] deltas = new long[runtime.gauges.size()][];
        for (int g = 0; g < deltas.length; g++) {
            CaseGauge<S> gauge = runtime.gauges.get(g);
            long[] was = before == null ? null : gauge.countsOf().apply(before);
            long[] is = after == null ? null : gauge.countsOf().apply(after);
            deltas[g] = new long[gauge.counts().slots()];
            for (int i = 0; i < deltas[g].length; i++) {
                deltas[g][i] = (is == null ? 0 : is[i]) - (was == null ? 0 : was[i]);
            }
        }
        return () -> {
            if (entries != 0) {
                runtime.entries.add(task, 0, entries);
            }
            for (int g = 0; g < deltas.length; g++) {
                for (int i = 0; i < deltas[g].length; i++) {
                    if (deltas[g][i] != 0) {
                        runtime.gauges.get(g).counts().add(task, i, deltas[g][i]);
                    }
                }
            }
        };
    }

    void forget() {
        runtime.entries.forget(task);
        runtime.gauges.forEach(g -> g.counts().forget(task));
        runtime.sweptGauges.forEach(g -> g.counts().forget(task));
    }

    private static long[][] zeros(List<Integer> slots) {
        long[][] counts = new long[slots.size()][];
        for (int g = 0; g < counts.length; g++) {
            counts[g] = new long[slots.get(g)];
        }
        return counts;
    }

    private static void add(long[] total, long[] counts) {
        for (int i = 0; i < counts.length; i++) {
            total[i] += counts[i];
        }
    }
}
