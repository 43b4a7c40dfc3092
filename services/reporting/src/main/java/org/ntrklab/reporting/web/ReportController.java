package org.ntrklab.reporting.web;

import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ntrklab.events.Actor;
import org.ntrklab.events.ReportSignOutRequested;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.ResultCorrectionRequested;
import org.ntrklab.platform.limits.FieldKind;
import org.ntrklab.platform.query.NotFound;
import org.ntrklab.platform.query.StateLookup;
import org.ntrklab.platform.query.StateQueries;
import org.ntrklab.platform.security.Caller;
import org.ntrklab.platform.topics.Topics;
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
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reports of one accession, from whichever instance owns it: the JSON view with the version history, the
 * FHIR R4 and HL7 v2.5.1 exports, and the pathologist's commands (sign-out, result correction), which are
 * written to lab.report-commands and applied by the Streams topology exactly once.
 *
 * <p>Who signs or corrects is the caller's access token, never the request body: the command's
 * {@code pathologistRef} is the token's subject and its envelope names the token's subject and display name.
 * The patient reference (pseudonymous, but a key to the patient) is shown to pathologists only, so the
 * exports, which carry it, are theirs too.
 */
@RestController
class ReportController {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");
    static final String PATHOLOGIST = "pathologist";
    /** Answers never repeat what the caller sent (an accession or order id may be anything): they say what is wrong. */
    static final String UNKNOWN = "reporting has no such accession";
    static final String NOT_A_CORRECTION = "the body is not JSON; a correction is a JSON object with orderId, kind,"
            + " reason, explanation and correctedResult";
    static final String UNRECORDABLE_SUBJECT = "the access token's subject cannot be recorded as a staff identifier "
            + "(at most 64 printable characters)";
    static final String BAD_LAB_TIME = CommandClock.LAB_TIME_HEADER + " must be an ISO-8601 instant between 2000 and"
            + " 2100 (read only when the service runs on simulated time)";
    /** A clinical command with a field given twice is ambiguous: refused, not read as whichever came last. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final StateLookup<ReportCase> cases;
    private final ReportCommandPublisher commands;
    private final FhirReportExporter fhir;
    private final Hl7v2ReportExporter hl7;
    private final CommandClock clock;

    ReportController(StateQueries queries, ReportCommandPublisher commands, FhirReportExporter fhir,
            Hl7v2ReportExporter hl7, CommandClock clock, Topics topics) {
        // Fed by lab.accessions partition for partition: the worklist checks that every partition has an instance.
        this.cases = queries.store(ReportingTopology.CASES, topics.accessions().name());
        this.commands = commands;
        this.fhir = fhir;
        this.hl7 = hl7;
        this.clock = clock;
    }

    /** Body of every 4xx answer: says what is wrong, never echoes other data. */
    record Problem(String error) {
    }

    /** What a 202 says: the command is on lab.report-commands and will be applied or rejected on ntrk.reports. */
    record Accepted(String accessionId, String command, String commandEventId, String outcome) {
    }

    /**
     * A sign-out names the drafted version being signed. A {@code pathologistRef} in the body, which earlier
     * clients sent, is ignored: the signing pathologist is the caller.
     */
    record SignOutRequest(Integer reportVersion) {
    }

    /**
     * The drafts awaiting sign-out across all instances, the longest-waiting first. Without the patient
     * reference, whoever asks.
     */
    @GetMapping("/reports/awaiting-sign-out")
    List<WorklistEntry> awaitingSignOut() {
        List<WorklistEntry> entries = new ArrayList<>(cases.gather("/reports/awaiting-sign-out", WorklistEntry::of,
                WorklistEntry[].class));
        entries.sort(WorklistEntry.OLDEST_FIRST);
        return entries;
    }

    @GetMapping("/reports/{accessionId}")
    ResponseEntity<?> report(@PathVariable String accessionId, Caller caller) {
        boolean pathologist = caller.hasRole(PATHOLOGIST);
        return ResponseEntity.ok(cases.byKey(accessionId).flatMap(ReportView::of)
                .map(v -> pathologist ? v : v.withoutPatientRef()).orElseThrow(() -> new NotFound(UNKNOWN)));
    }

    @PreAuthorize("hasRole('pathologist')")
    @GetMapping(value = "/reports/{accessionId}/fhir", produces = {"application/fhir+json", "application/json"})
    ResponseEntity<?> fhir(@PathVariable String accessionId, @RequestParam(required = false) Integer version) {
        return export(accessionId, version, r -> ResponseEntity.ok().contentType(FHIR_JSON).body(fhir.toJson(r)));
    }

    @PreAuthorize("hasRole('pathologist')")
    @GetMapping(value = "/reports/{accessionId}/hl7v2", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<?> hl7v2(@PathVariable String accessionId, @RequestParam(required = false) Integer version) {
        return export(accessionId, version,
                r -> ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(hl7.toEr7(r)));
    }

    @PreAuthorize("hasRole('pathologist')")
    @PostMapping(value = "/reports/{accessionId}/sign-out", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> signOut(@PathVariable String accessionId, @RequestBody SignOutRequest body, Caller caller,
            @Parameter(description = CommandClock.LAB_TIME_DOC)
            @RequestHeader(name = CommandClock.LAB_TIME_HEADER, required = false) String labTime) {
        if (body == null || body.reportVersion() == null) {
            return problem(HttpStatus.BAD_REQUEST, "a sign-out needs reportVersion (the drafted version being signed)");
        }
        Optional<Instant> at = clock.commandTime(labTime);
        if (at.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, BAD_LAB_TIME);
        }
        Optional<Actor> actor = actor(caller);
        if (actor.isEmpty()) {
            return problem(HttpStatus.FORBIDDEN, UNRECORDABLE_SUBJECT);
        }
        Optional<ReportView> view = view(accessionId);
        if (view.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, UNKNOWN);
        }
        Optional<ReportVersion> draft = view.get().awaitingSignOut();
        // (A draft overtaken by further testing shows as AWAITING_RESULTS and is not offered.)
        if (draft.isEmpty()) {
            return problem(HttpStatus.CONFLICT, "the accession has no draft awaiting sign-out (status "
                    + view.get().status() + ")");
        }
        if (draft.get().version() != body.reportVersion()) {
            return problem(HttpStatus.CONFLICT, "version " + body.reportVersion() + " is not the draft awaiting"
                    + " sign-out; version " + draft.get().version() + " is");
        }
        String eventId = commands.publish(accessionId, ReportSignOutRequested.newBuilder()
                .setReportVersion(body.reportVersion()).setPathologistRef(actor.get().getSubject()).build(), actor.get(),
                at.get());
        return ResponseEntity.accepted().body(new Accepted(accessionId, "ReportSignOutRequested", eventId,
                "version " + body.reportVersion() + " will be issued on ntrk.reports"));
    }

    /**
     * A corrected or amended result, in plain JSON ({@link CorrectionBody}): every field is checked against the
     * schema of lab.report-commands, the result against the record its order's assay produces. The correcting
     * pathologist is the caller.
     */
    @PreAuthorize("hasRole('pathologist')")
    @PostMapping(value = "/reports/{accessionId}/corrections", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> correct(@PathVariable String accessionId, @RequestBody String body, Caller caller,
            @Parameter(description = CommandClock.LAB_TIME_DOC)
            @RequestHeader(name = CommandClock.LAB_TIME_HEADER, required = false) String labTime) {
        Optional<Instant> at = clock.commandTime(labTime);
        if (at.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, BAD_LAB_TIME);
        }
        Optional<Actor> actor = actor(caller);
        if (actor.isEmpty()) {
            return problem(HttpStatus.FORBIDDEN, UNRECORDABLE_SUBJECT);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JacksonException e) {
            // The parser's message may quote the body: the answer names the expected form instead.
            return problem(HttpStatus.BAD_REQUEST, NOT_A_CORRECTION);
        }
        Optional<ReportView> view = view(accessionId);
        if (view.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, UNKNOWN);
        }
        CorrectionBody.Read read = CorrectionBody.read(tree, orderId -> view.get().orders().stream()
                .filter(o -> o.orderId().equals(orderId)).findFirst().map(OrderRecord::assay),
                actor.get().getSubject());
        if (read.problem() != null) {
            return problem(read.problem().unknownOrder() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST,
                    read.problem().message());
        }
        ResultCorrectionRequested correction = read.command();
        String eventId = commands.publish(accessionId, correction, actor.get(), at.get());
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
            return problem(HttpStatus.NOT_FOUND, UNKNOWN);
        }
        Optional<ReportVersion> chosen = view.get().version(version);
        if (chosen.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, version == null
                    ? "the accession has no report yet; waiting for " + String.join(", ", view.get().waitingFor())
                    : "the accession has no report version " + version);
        }
        return render.apply(export(accessionId, chosen.get()));
    }

    static ReportExport export(String accessionId, ReportVersion v) {
        ReportStatus status = v.kind() == VersionKind.DRAFT ? null : ReportStatus.valueOf(v.kind().name());
        return new ReportExport(accessionId, v.version(), status, v.occurredAt(), ReportContents.of(v.body()),
                v.signedOutBy(), v.supersedes(), v.revisionReason(), v.revisionExplanation());
    }

    /** The full view (the owner is asked with the caller's own token, a pathologist's for every caller here). */
    private Optional<ReportView> view(String accessionId) {
        return cases.fetch(accessionId, "/reports/" + accessionId, ReportView::of, ReportView.class);
    }

    /**
     * The caller as the command's sender: the token's subject becomes the staff identifier on the report, so it
     * must keep an identifier's limits; a display name that would not fit a report is left out.
     */
    private static Optional<Actor> actor(Caller caller) {
        if (!FieldKind.IDENTIFIER.fits(caller.subject())) {
            return Optional.empty();
        }
        String name = caller.displayName() != null && FieldKind.NAME.fits(caller.displayName())
                ? caller.displayName() : null;
        return Optional.of(Actor.newBuilder().setSubject(caller.subject()).setDisplayName(name).build());
    }

    private static ResponseEntity<?> problem(HttpStatus status, String error) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new Problem(error));
    }
}
