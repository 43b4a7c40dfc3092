package org.ntrklab.reporting.web;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CorrectionKind;
import org.ntrklab.events.ResultCorrectionRequested;
import org.ntrklab.events.RevisionReason;
import org.ntrklab.platform.results.ResultNormaliser;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /reports/{accessionId}/corrections}, in plain JSON:
 *
 * <pre>
 * {"orderId": "ORD-17", "kind": "CORRECTION", "reason": "ANALYSIS_ERROR",
 *  "explanation": "fusion filtered out by a misconfigured panel blacklist",
 *  "correctedResult": { the order's result, e.g. an NgsResult: "panel", "call", "fusions": [...] }}
 * </pre>
 *
 * The result is read as the record the order's assay produces, so {@code assay} may be left out (if given, it
 * must be the order's). A {@code pathologistRef} is ignored: the correcting pathologist is the caller.
 */
final class CorrectionBody {

    private static final Set<String> FIELDS = Set.of("orderId", "assay", "kind", "reason", "explanation",
            "correctedResult", "pathologistRef");

    private static final org.apache.avro.Schema TEXT = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);

    private CorrectionBody() {
    }

    /** What went wrong, for a 400 or a 404; never quotes the body. */
    record Problem(boolean unknownOrder, String message) {
    }

    /** The command, or the problem. */
    record Read(ResultCorrectionRequested command, Problem problem) {
    }

    /**
     * @param assayOfOrder the assay of each order of the accession; empty for an order it does not have
     * @param pathologistRef the caller's staff identifier
     */
    static Read read(JsonNode body, Function<String, Optional<AssayType>> assayOfOrder, String pathologistRef) {
        try {
            if (body == null || !body.isObject()) {
                throw new PlainJson.Refused("", "must be a JSON object with orderId, kind, reason and correctedResult");
            }
            for (String name : body.propertyNames()) {
                if (!FIELDS.contains(name)) {
                    throw new PlainJson.Refused("", "has a field a correction does not have; its fields are "
                            + FIELDS.stream().filter(f -> !f.equals("pathologistRef")).sorted().toList());
                }
            }
            // Everything that can be checked without the order first: a body that is wrong is a 400 whatever it names.
            String orderId = PlainJson.read(required(body, "orderId"), TEXT, "orderId").toString();
            if (orderId.isBlank()) {
                throw new PlainJson.Refused("orderId", "must not be blank");
            }
            CorrectionKind kind = PlainJson.read(required(body, "kind"), CorrectionKind.getClassSchema(), "kind");
            RevisionReason reason = PlainJson.read(required(body, "reason"), RevisionReason.getClassSchema(), "reason");
            String explanation = null;
            if (body.has("explanation") && !body.get("explanation").isNull()) {
                explanation = PlainJson.read(body.get("explanation"), TEXT, "explanation").toString();
            }
            AssayType named = body.has("assay") && !body.get("assay").isNull()
                    ? PlainJson.read(body.get("assay"), AssayType.getClassSchema(), "assay") : null;
            JsonNode resultJson = required(body, "correctedResult");
            Optional<AssayType> assay = assayOfOrder.apply(orderId);
            if (assay.isEmpty()) {
                return new Read(null, new Problem(true, "the accession has no such order"));
            }
            if (named != null && named != assay.get()) {
                throw new PlainJson.Refused("assay", "must be the order's assay, " + assay.get());
            }
            Object result = PlainJson.read(resultJson, ResultNormaliser.resultSchema(assay.get()), "correctedResult");
            return new Read(ResultCorrectionRequested.newBuilder()
                    .setOrderId(orderId)
                    .setAssay(assay.get())
                    .setKind(kind)
                    .setReason(reason)
                    .setExplanation(explanation)
                    .setPathologistRef(pathologistRef)
                    .setCorrectedResult(result)
                    .build(), null);
        } catch (PlainJson.Refused e) {
            return new Read(null, new Problem(false, e.getMessage()));
        }
    }

    private static JsonNode required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new PlainJson.Refused(field, "is required");
        }
        return value;
    }
}
