package org.ntrklab.tatmetrics.timeline;

/** Where an open case is, for the work-in-progress gauge. */
public enum CaseStage {
    /** Accessioned, waiting for its first QC decision. */
    QC,
    /** QC decided, no assay ordered yet. */
    ORDERING,
    /** At least one assay is ordered and not yet resulted or closed. */
    TESTING,
    /** Every ordered assay is resulted or closed; waiting for the final report. */
    REPORTING
}
