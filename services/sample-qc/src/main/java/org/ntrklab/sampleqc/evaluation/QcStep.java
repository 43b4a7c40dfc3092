package org.ntrklab.sampleqc.evaluation;

import java.util.List;

/**
 * The result of handling one input: the case state to keep (null with {@code delete} to forget the case,
 * null without it to leave the state unchanged), the events to write, and an outcome name for metrics.
 */
public record QcStep(QcCase state, boolean delete, List<QcOutput> outputs, String outcome) {

    public QcStep {
        outputs = List.copyOf(outputs);
    }

    static QcStep unchanged(String outcome) {
        return new QcStep(null, false, List.of(), outcome);
    }
}
