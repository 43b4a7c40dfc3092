package org.ntrklab.reporting.report;

/** A drafted version awaiting sign-out, or an issued one (ntrk.reports' ReportStatus). */
public enum VersionKind {
    DRAFT, FINAL, AMENDED, CORRECTED;

    public boolean issued() {
        return this != DRAFT;
    }
}
