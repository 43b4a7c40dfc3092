package org.ntrklab.reporting.export;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.ntrklab.events.ReportContent;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.RevisionReason;

/**
 * One version of a report as the standards exporters see it: a draft (status {@code null}, not yet signed
 * out) or an issued version (FINAL, AMENDED or CORRECTED).
 *
 * @param accessionId the lab accession the report belongs to
 * @param version report version, 1 for the first
 * @param status issued status, or {@code null} for a draft that is not yet signed out
 * @param issuedAt when this version was drafted (draft) or issued (signed out)
 * @param content what the report says
 * @param signedOutBy who signed the version out; {@code null} for a draft
 * @param supersedesVersion the version this one replaces, for an amendment or correction
 * @param revisionReason coded reason of an amendment or correction
 * @param revisionExplanation short free-text explanation of the revision (never patient identifiers)
 */
public record ReportExport(
        String accessionId,
        int version,
        ReportStatus status,
        Instant issuedAt,
        ReportContent content,
        String signedOutBy,
        Integer supersedesVersion,
        RevisionReason revisionReason,
        String revisionExplanation) {

    public ReportExport {
        Objects.requireNonNull(accessionId, "accessionId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (accessionId.isBlank()) {
            throw new IllegalArgumentException("accessionId must not be blank");
        }
    }

    /** True while the version is not signed out. */
    public boolean isDraft() {
        return status == null;
    }

    /** True when the version is signed out by someone. */
    public boolean isSigned() {
        return status != null && signedOutBy != null && !signedOutBy.isBlank();
    }

    /** True when the version replaces an earlier one (an amendment or a correction). */
    public boolean isRevision() {
        return supersedesVersion != null || revisionReason != null;
    }

    /**
     * The revision statement both exporters carry, e.g.
     * {@code Supersedes version 1: TRANSCRIPTION_ERROR — exon numbering corrected}; empty for a version that
     * revises nothing. The coded reason is given by its enum name so a receiver can read it back.
     */
    public Optional<String> revisionNote() {
        if (!isRevision()) {
            return Optional.empty();
        }
        StringBuilder note = new StringBuilder("Supersedes version ");
        note.append(supersedesVersion == null ? "(unspecified)" : supersedesVersion.toString());
        note.append(": ").append(revisionReason == null ? RevisionReason.OTHER_REVISION.name() : revisionReason.name());
        if (revisionExplanation != null && !revisionExplanation.isBlank()) {
            note.append(" \u2014 ").append(revisionExplanation.strip());
        }
        return Optional.of(note.toString());
    }
}
