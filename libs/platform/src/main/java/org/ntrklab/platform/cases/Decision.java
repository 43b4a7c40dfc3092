package org.ntrklab.platform.cases;

import java.util.List;

/**
 * What a service decided about one input to one case: the state to keep, the events to write and an
 * outcome name for metrics. The case runtime applies it all or nothing: the events are built and checked
 * first, then the state is written, then the events.
 *
 * @param state the case's new state; null leaves the state as it was (or, with {@code delete}, forgets it)
 * @param delete forget the case
 * @param outputs the events to write, in order
 * @param outcome a short, low-cardinality name of what happened (a metric label), e.g. "accessioned"
 */
public record Decision<S, O>(S state, boolean delete, List<O> outputs, String outcome) {

    public Decision {
        outputs = List.copyOf(outputs);
        if (delete && state != null) {
            throw new IllegalArgumentException("a decision either keeps a state or forgets the case");
        }
    }

    /** Nothing changes and nothing is written. */
    public static <S, O> Decision<S, O> unchanged(String outcome) {
        return new Decision<>(null, false, List.of(), outcome);
    }

    /** The case's state becomes {@code state} (null: unchanged) and {@code outputs} are written. */
    public static <S, O> Decision<S, O> keep(S state, List<O> outputs, String outcome) {
        return new Decision<>(state, false, outputs, outcome);
    }

    /** The case is forgotten after {@code outputs} are written. */
    public static <S, O> Decision<S, O> forget(List<O> outputs, String outcome) {
        return new Decision<>(null, true, outputs, outcome);
    }

    /** True when the decision changes the store or writes something. */
    public boolean changesAnything() {
        return delete || state != null || !outputs.isEmpty();
    }
}
