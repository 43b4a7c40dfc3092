package org.ntrklab.platform.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts kept per stream task and summed for a gauge, so that the gauge is the instance's share: each
 * task sets its counts from its state store when it starts (the store is restored by then), adjusts them
 * on every change, and is dropped when it closes or moves to another instance.
 */
public final class TaskCounts {

    private final int slots;
    private final Map<String, AtomicLongArray> byTask = new ConcurrentHashMap<>();

    /** @param slots how many separate counts (e.g. one per assay and state) */
    public TaskCounts(int slots) {
        this.slots = slots;
    }

    /** Replaces a task's counts, e.g. with those counted from its store at start. */
    public void reset(String task, long[] counts) {
        if (counts.length != slots) {
            throw new IllegalArgumentException("expected " + slots + " counts, got " + counts.length);
        }
        byTask.put(task, new AtomicLongArray(counts));
    }

    /** Adjusts one count of a task; a task not (or no longer) counted here is ignored. */
    public void add(String task, int slot, long delta) {
        AtomicLongArray counts = byTask.get(task);
        if (counts != null) {
            counts.addAndGet(slot, delta);
        }
    }

    /** How many separate counts there are. */
    public int slots() {
        return slots;
    }

    public void forget(String task) {
        byTask.remove(task);
    }

    /** One count summed over this instance's tasks. */
    public long sum(int slot) {
        return byTask.values().stream().mapToLong(a -> a.get(slot)).sum();
    }
}
