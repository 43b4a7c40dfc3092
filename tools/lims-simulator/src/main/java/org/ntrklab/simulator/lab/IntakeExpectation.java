package org.ntrklab.simulator.lab;

/** What accessioning should do with a simulated receipt. */
public enum IntakeExpectation {
    /** A valid receipt: accessioning accepts it. */
    ACCEPTED,
    /** The LIMS sends a labelling defect flag, so accessioning rejects it (ACC-LABELLING, docs/accessioning.md). */
    REJECTED
}
