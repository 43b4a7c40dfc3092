package org.ntrklab.reporting.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.ntrklab.events.ReportSignOutRequested;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.ResultCorrectionRequested;
import org.ntrklab.platform.query.StateQueries;
import org.ntrklab.reporting.ReportContents;
import org.ntrklab.reporting.ReportingTopology;
import org.ntrklab.reporting.export.FhirReportExporter;
import org.ntrklab.reporting.export.Hl7v2ReportExporter;
import org.ntrklab.reporting.export.ReportExport;
import org.ntrklab.reporting.report.OrderRecord;
import org.ntrklab.reporting.report.ReportCase;
import org.ntrklab.reporting.report.ReportVersion;
import org.ntrklab.reporting.report.VersionKind;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports of one accession, from whichever instance owns it: the JSON view with the version history, the
 * FHIR R4 and HL7 v2.5.1 exports, and the pathologist's commands (sign-out, result correction), which are
 * written to lab.report-commands and applied by the Streams topology exactly once.
 */
@RestController
class ReportController {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private final StateQueries queries;
    private final ReportCommandPublisher commands;
    private final FhirReportExporter fhir;
    private final Hl7v2ReportExporter hl7;

    ReportController(StateQueries queries, ReportCommandPublisher commands, FhirReportExporter fhir,
            Hl7v2ReportExporter hl7) {
        this.queries = queries;
        this.commands = commands;
        this.fhir = fhir;
        this.hl7 = hl7;
    }

    /** Body of every 4xx answer: says what is wrong, never echoes other data. */
    record Problem(String error) {
    }

    /** What a 202 says: the command is on lab.report-commands and will be applied or rejected on ntrk.reports. */
    record Accepted(String accessionId, String command, String commandEventId, String outcome) {
    }

    record SignOutRequest(Integer reportVersion, String pathologistRef) {
    }

    @GetMapping("/reports/{accessionId}")
    ResponseEntity<?> report(@PathVariable String accessionId, HttpServletRequest request,
            @RequestHeader(name = StateQueries.FORWARDED_HEADER, required = false) String forwarded) {
        return queries.<ReportCase, ReportView>byKey(ReportingTopology.CASES, accessionId, request.getRequestURI(),
                forwarded != null, ReportView::of, unknown(accessionId));
    }

    @GetMapping(value = "/reports/{accessionId}/fhir", produces = {"application/fhir+json", "application/json"})
    ResponseEntity<?> fhir(@PathVariable String accessionId, @RequestParam(required = false) Integer version) {
        return export(accessionId, version, r -> ResponseEntity.ok().contentType(FHIR_JSON).body(fhir.toJson(r)));
    }

    @GetMapping(value = "/reports/{accessionId}/hl7v2", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<?> hl7v2(@PathVariable String accessionId, @RequestParam(required = false) Integer version) {
        return export(accessionId, version,
                r -> ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(hl7.toEr7(r)));
    }

    @PostMapping(value = "/reports/{accessionId}/sign-out", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> signOut(@PathVariable String accessionId, @RequestBody SignOutRequest body) {
        if (body == null || body.reportVersion() == null || blank(body.pathologistRef())) {
            return problem(HttpStatus.BAD_REQUEST, "a sign-out needs reportVersion (the drafted version being signed)"
                    + " and pathologistRef (the signing pathologist's staff identifier)");
        }
        Optional<ReportView> view = view(accessionId);
        if (view.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, unknown(accessionId));
        }
        Optional<ReportVersion> draft = view.get().awaitingSignOut();
        // (A draft overtaken by further testing shows as AWAITING_RESULTS and is not offered.)
        if (draft.isEmpty()) {
            return problem(HttpStatus.CONFLICT, "accession " + accessionId + " has no draft awaiting sign-out (status "
                    + view.get().status() + ")");
        }
        if (draft.get().version() != body.reportVersion()) {
            return problem(HttpStatus.CONFLICT, "version " + body.reportVersion() + " is not the draft awaiting"
                    + " sign-out; version " + draft.get().version() + " is");
        }
        String eventId = commands.publish(accessionId, ReportSignOutRequested.newBuilder()
                .setReportVersion(body.reportVersion()).setPathologistRef(body.pathologistRef().trim()).build());
        return ResponseEntity.accepted().body(new Accepted(accessionId, "ReportSignOutRequested", eventId,
                "version " + body.reportVersion() + " will be issued on ntrk.reports"));
    }

    /**
     * A corrected or amended result. The body is a ResultCorrectionRequested in Avro's JSON encoding (the
     * schema of lab.report-commands), so every field is checked against the schema the topic carries.
     */
    @PostMapping(value = "/reports/{accessionId}/corrections", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> correct(@PathVariable String accessionId, @RequestBody String body) {
        ResultCorrectionRequested correction;
        try {
            SpecificDatumReader<ResultCorrectionRequested> reader =
                    new SpecificDatumReader<>(ResultCorrectionRequested.class);
            correction = reader.read(null,
                    DecoderFactory.get().jsonDecoder(ResultCorrectionRequested.getClassSchema(), body));
        } catch (IOException | AvroRuntimeException | IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "the body is not a ResultCorrectionRequested in Avro JSON encoding: "
                    + e.getMessage());
        }
        if (blank(correction.getOrderId()) || blank(correction.getPathologistRef())) {
            return problem(HttpStatus.BAD_REQUEST, "a correction needs orderId and pathologistRef");
        }
        Optional<ReportView> view = view(accessionId);
        if (view.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, unknown(accessionId));
        }
        Optional<OrderRecord> order = view.get().orders().stream()
                .filter(o -> o.orderId().equals(correction.getOrderId())).findFirst();
        if (order.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "accession " + accessionId + " has no order " + correction.getOrderId());
        }
        if (order.get().assay() != correction.getAssay()) {
            return problem(HttpStatus.BAD_REQUEST, "order " + correction.getOrderId() + " is " + order.get().assay()
                    + ", the correction names " + correction.getAssay());
        }
        String eventId = commands.publish(accessionId, correction);
        return ResponseEntity.accepted().body(new Accepted(accessionId, "ResultCorrectionRequested", eventId,
                "the corrected result will be applied and, after sign-out, issued as a new version on ntrk.reports"));
    }

    /** The broker did not confirm the command in time; it may still have been written. */
    @org.springframework.web.bind.annotation.ExceptionHandler(ReportCommandPublisher.CommandNotWritten.class)
    ResponseEntity<?> notWritten(ReportCommandPublisher.CommandNotWritten e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage() + "; the command may or may not be on"
                + " lab.report-commands. Sending it again is safe: a repeat is refused with a reason, never applied"
                + " twice");
    }

    private ResponseEntity<?> export(String accessionId, Integer version,
            java.util.function.Function<ReportExport, ResponseEntity<?>> render) {
        Optional<ReportView> view = view(accessionId);
        if (view.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, unknown(accessionId));
        }
        Optional<ReportVersion> chosen = view.get().version(version);
        if (chosen.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, version == null
                    ? "accession " + accessionId + " has no report yet; waiting for "
                            + String.join(", ", view.get().waitingFor())
                    : "accession " + accessionId + " has no report version " + version);
        }
        return render.apply(export(accessionId, chosen.get()));
    }

    static ReportExport export(String accessionId, ReportVersion v) {
        ReportStatus status = v.kind() == VersionKind.DRAFT ? null : ReportStatus.valueOf(v.kind().name());
        return new ReportExport(accessionId, v.version(), status, v.occurredAt(), ReportContents.of(v.body()),
                v.signedOutBy(), v.supersedes(), v.revisionReason(), v.revisionExplanation());
    }

    private Optional<ReportView> view(String accessionId) {
        return queries.<ReportCase, ReportView>fetch(ReportingTopology.CASES, accessionId, "/reports/" + accessionId,
                ReportView::of, ReportView.class);
    }

    private static String unknown(String accessionId) {
        return "reporting has no accession " + accessionId;
    }

    private static ResponseEntity<?> problem(HttpStatus status, String error) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new Problem(error));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
