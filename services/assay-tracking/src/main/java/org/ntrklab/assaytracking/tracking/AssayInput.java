package org.ntrklab.assaytracking.tracking;

import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayRunCompleted;
import org.ntrklab.events.AssayRunFailed;
import org.ntrklab.events.AssayRunStarted;
import org.ntrklab.events.QcDecided;

/** What the assay desk decides on: orders, QC decisions, cancellations and run events of one accession. */
public sealed interface AssayInput {

    /** The event the input came from: its id and time become the cause of what is written. */
    AssayDesk.Cause cause();

    record Ordered(AssayDesk.Cause cause, AssayOrdered order) implements AssayInput {
    }

    record QcDecision(AssayDesk.Cause cause, QcDecided decision) implements AssayInput {
    }

    record Cancelled(AssayDesk.Cause cause) implements AssayInput {
    }

    record RunStarted(AssayDesk.Cause cause, AssayRunStarted run) implements AssayInput {
    }

    record RunCompleted(AssayDesk.Cause cause, AssayRunCompleted run) implements AssayInput {
    }

    record RunFailed(AssayDesk.Cause cause, AssayRunFailed run) implements AssayInput {
    }
}
