package org.ntrklab.desk.lab;

import java.time.Instant;

/** A draft awaiting sign-out, as reporting lists it ({@code GET /reports/awaiting-sign-out}). */
public record WorklistEntry(String accessionId, int draftVersion, Instant draftedAt, String overallCall,
        String tumourCode, String tumourText) {
}
