package org.ntrklab.reporting.report;

import java.time.Instant;
import org.ntrklab.events.RevisionReason;

/**
 * One version of an accession's report. Versions are only ever added: a draft that is signed out becomes
 * an issued entry of the same number, every other change takes the next number.
 *
 * @param occurredAt event time of the draft or the issue
 * @param draftedAt event time the content was drafted (for sign-out latency); equal to occurredAt for a draft
 * @param signedOutBy staff identifier of the signing pathologist, null for a draft
 * @param supersedes the issued version this one replaces, null for the first FINAL
 * @param signedOutByName the signing pathologist's display name from their access token; null for a draft, an
 *     automatic sign-out or a command that did not come through the reporting API
 */
public record ReportVersion(int version, VersionKind kind, ReportBody body, Instant occurredAt, Instant draftedAt,
        String signedOutBy, Integer supersedes, RevisionReason revisionReason, String revisionExplanation,
        String signedOutByName) {

    /** The same version with other content (e.g. without the patient reference). */
    public ReportVersion withBody(ReportBody other) {
        return new ReportVersion(version, kind, other, occurredAt, draftedAt, signedOutBy, supersedes, revisionReason,
                revisionExplanation, signedOutByName);
    }
}
