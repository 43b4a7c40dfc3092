package org.ntrklab.reflex.plan;

/** What the rules make of a result: an order to place, advice to give, or nothing ({@code stop}). */
public record Reaction(Intent intent, Advice advice, String stop) {

    static Reaction order(Intent intent) {
        return new Reaction(intent, null, null);
    }

    static Reaction advise(Advice advice) {
        return new Reaction(null, advice, null);
    }

    /** @param why for metrics and tests, e.g. "ihc_negative_standard_suspicion" */
    static Reaction stop(String why) {
        return new Reaction(null, null, why);
    }
}
