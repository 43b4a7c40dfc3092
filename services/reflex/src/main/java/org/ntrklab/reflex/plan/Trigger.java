package org.ntrklab.reflex.plan;

import org.ntrklab.events.AssayType;

/** The order whose result (or failure) led to a reflex, and the event that reported it. */
public record Trigger(String orderId, AssayType assay, String eventId) {
}
