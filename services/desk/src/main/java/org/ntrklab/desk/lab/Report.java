package org.ntrklab.desk.lab;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An accession's report as reporting's REST API shows it ({@code GET /reports/{accessionId}}): where it stands,
 * every version in the order written (a drafted version and its issued self share a number), and the orders
 * with their results. Codes are kept as text: the desk shows what the service says, even a code it does not know.
 *
 * @param status AWAITING_RESULTS, AWAITING_SIGN_OUT, FINAL, AMENDED, CORRECTED or CANCELLED
 */
public record Report(String accessionId, String status, List<String> waitingFor, Version latest,
        List<Version> versions, List<Order> orders) {

    public static final String AWAITING_SIGN_OUT = "AWAITING_SIGN_OUT";

    public Report {
        waitingFor = waitingFor == null ? List.of() : List.copyOf(waitingFor);
        versions = versions == null ? List.of() : List.copyOf(versions);
        orders = orders == null ? List.of() : List.copyOf(orders);
    }

    /** The draft a pathologist may sign now. */
    public Optional<Version> awaitingSignOut() {
        return AWAITING_SIGN_OUT.equals(status) ? Optional.ofNullable(latest) : Optional.empty();
    }

    /** The issued (signed) version of a number, if there is one. */
    public Optional<Version> issued(int number) {
        return versions.stream().filter(v -> v.version() == number && v.issued()).reduce((a, b) -> b);
    }

    /** The versions issued so far, the first one first. */
    public List<Version> issuedVersions() {
        return versions.stream().filter(Version::issued).toList();
    }

    /** Orders whose result a pathologist can correct. */
    public List<Order> resultedOrders() {
        return orders.stream().filter(o -> o.finding() != null && o.finding().result() != null).toList();
    }

    /**
     * One version of the report.
     *
     * @param kind DRAFT, FINAL, AMENDED or CORRECTED
     * @param supersedes the issued version this one replaces
     */
    public record Version(int version, String kind, Body body, Instant occurredAt, Instant draftedAt,
            String signedOutBy, Integer supersedes, String revisionReason, String revisionExplanation,
            String signedOutByName) {

        public boolean issued() {
            return !"DRAFT".equals(kind);
        }

        /** Who signed, as the report names them. */
        public String signer() {
            if (signedOutBy == null) {
                return null;
            }
            return signedOutByName == null ? signedOutBy : signedOutByName + " (" + signedOutBy + ")";
        }
    }

    /** The content of a version, as the clinician reads it. */
    public record Body(String orderId, String specimenId, String patientRef, String tumourCode, String tumourText,
            String overallCall, List<FusionLine> fusions, List<AssayLine> assays, String concordance,
            List<String> limitations, String interpretation, List<QcLine> qcLimitations, String ruleSetVersion) {

        public Body {
            fusions = fusions == null ? List.of() : List.copyOf(fusions);
            assays = assays == null ? List.of() : List.copyOf(assays);
            limitations = limitations == null ? List.of() : List.copyOf(limitations);
            qcLimitations = qcLimitations == null ? List.of() : List.copyOf(qcLimitations);
        }

        /** The tumour type as the report names it: its text with its OncoTree code. */
        public String tumour() {
            if (tumourText == null) {
                return tumourCode;
            }
            return tumourCode == null ? tumourText : tumourText + " (" + tumourCode + ")";
        }
    }

    /** A reported fusion in HGNC notation; for FISH only the NTRK gene is known. */
    public record FusionLine(String hgncName, String description, String ntrkGene, String fivePrimeGene,
            String threePrimeGene, Integer fivePrimeExon, Integer threePrimeExon, Boolean inFrame,
            Boolean kinaseDomainRetained, String tier, String detectedBy) {
    }

    public record AssayLine(String orderId, String assay, String state, String interpretation) {
    }

    /** A sample-QC finding that qualifies the report, with the rule that made it. */
    public record QcLine(String orderId, String assay, String ruleId, String metric, Double measuredValue,
            String measuredCategory, Double thresholdValue, String threshold, String verdict, String ruleSetVersion,
            String statement) {
    }

    /**
     * One assay order.
     *
     * @param interpretation the interpretation the report uses (the corrected one after a correction)
     * @param reason coded reason of the last status change, e.g. a run failure or QC_FAIL
     */
    public record Order(String orderId, String assay, String state, String interpretation, Finding finding,
            String reason, Correction correction) {
    }

    /**
     * What an order's result found.
     *
     * @param result the whole result as the instrument reported it, as JSON
     */
    public record Finding(String method, String result) {
    }

    /** A pathologist's correction of a result. */
    public record Correction(String reason, String explanation, String pathologistRef) {
    }
}
