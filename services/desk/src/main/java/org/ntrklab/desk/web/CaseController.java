package org.ntrklab.desk.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ntrklab.desk.Htmx;
import org.ntrklab.desk.forms.ResultForm;
import org.ntrklab.desk.lab.LabApi;
import org.ntrklab.desk.lab.Report;
import org.ntrklab.events.CorrectionKind;
import org.ntrklab.events.RevisionReason;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One case: the report as the clinician will read it, the orders and their results, the clock, every version
 * with what changed; for a pathologist, the sign-out and the corrections. Who signs or corrects is the
 * signed-in person, as their token says: no field of these forms names anyone.
 */
@Controller
class CaseController {

    /** Accession ids as the lab writes them; anything else is not looked up. */
    static final Pattern ACCESSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MAX_EXPLANATION = 2000;
    /** After a command, the page looks for its outcome every 2 s this many times (a minute) before saying so. */
    static final int MAX_POLLS = 30;

    private final LabApi lab;

    CaseController(LabApi lab) {
        this.lab = lab;
    }

    @GetMapping("/desk/cases/{accessionId}")
    String show(@PathVariable String accessionId, Model model) {
        Report report = report(accessionId);
        model.addAttribute("report", report);
        // After a command, the page waits for the report to move on from where it stood when the command was
        // sent (it may have moved already); otherwise from where it stands now.
        if (!model.containsAttribute("fingerprint")) {
            model.addAttribute("fingerprint", fingerprint(report));
        }
        model.addAttribute("polls", 0);
        model.addAttribute("basedOn", fingerprint(report));
        model.addAttribute("shown", report.latest());
        model.addAttribute("clock", lab.clock(accessionId).orElse(null));
        model.addAttribute("history", VersionChanges.history(report.versions()));
        model.addAttribute("draft", report.awaitingSignOut().orElse(null));
        if (report.latest() != null && report.awaitingSignOut().isPresent()) {
            model.addAttribute("draftChanges", VersionChanges.between(
                    report.issuedVersions().isEmpty() ? null
                            : report.issuedVersions().get(report.issuedVersions().size() - 1), report.latest()));
        }
        List<CorrectionFormView> corrections = new ArrayList<>();
        for (Report.Order order : report.resultedOrders()) {
            corrections.add(new CorrectionFormView(order, ResultForm.fields(ResultForm.schema(order.assay()),
                    order.finding().result()), null, null, null, null, List.of()));
        }
        if (!model.containsAttribute("corrections")) {
            model.addAttribute("corrections", corrections);
        }
        model.addAttribute("kinds", List.of(CorrectionKind.values()));
        model.addAttribute("reasons", List.of(RevisionReason.values()));
        return "case";
    }

    /**
     * The status badge, asked for every few seconds after a command: once the report has moved on (its status
     * or its latest version), the page reloads to show it. A command that changes nothing within a minute may
     * have been refused by reporting after it was accepted: the page stops asking and says so.
     */
    @GetMapping("/desk/cases/{accessionId}/status")
    String status(@PathVariable String accessionId, @RequestParam String shown,
            @RequestParam(defaultValue = "0") int polls, Model model, HttpServletResponse response) {
        Report report = report(accessionId);
        if (!fingerprint(report).equals(shown)) {
            response.setHeader(Htmx.REFRESH, "true");
        }
        int next = Math.max(0, polls) + 1;
        model.addAttribute("report", report);
        model.addAttribute("fingerprint", shown);
        model.addAttribute("polls", next);
        model.addAttribute("pending", next < MAX_POLLS);
        model.addAttribute("stalled", next >= MAX_POLLS);
        return "case :: status";
    }

    /** Where a report stands: its status and its latest version, which every issued or redrafted version changes. */
    static String fingerprint(Report report) {
        return report.status() + "-v" + (report.latest() == null ? 0 : report.latest().version());
    }

    @PreAuthorize("hasRole('pathologist')")
    @PostMapping("/desk/cases/{accessionId}/sign-out")
    String signOut(@PathVariable String accessionId, @RequestParam int version,
            @RequestParam(required = false) String confirmed, @RequestParam(required = false) String signedInAs,
            Authentication authentication, RedirectAttributes flash) {
        Report report = report(accessionId);
        if (!samePerson(signedInAs, authentication)) {
            flash.addFlashAttribute("problem", ANOTHER_PERSON);
            return redirect(accessionId);
        }
        if (!"yes".equals(confirmed)) {
            flash.addFlashAttribute("problem", "To sign out, confirm that you have reviewed the report.");
            return redirect(accessionId);
        }
        try {
            lab.signOut(accessionId, version);
            flash.addFlashAttribute("fingerprint", fingerprint(report));
            flash.addFlashAttribute("notice", "Sign-out of version " + version + " requested under your name; the"
                    + " page shows the issued report as soon as reporting has issued it.");
            flash.addFlashAttribute("pending", true);
        } catch (LabApi.Refused e) {
            flash.addFlashAttribute("problem", "Not signed out: " + e.getMessage());
        }
        return redirect(accessionId);
    }

    @PreAuthorize("hasRole('pathologist')")
    @PostMapping("/desk/cases/{accessionId}/corrections")
    String correct(@PathVariable String accessionId, @RequestParam MultiValueMap<String, String> form,
            Authentication authentication, Model model, RedirectAttributes flash) {
        Report report = report(accessionId);
        if (!samePerson(form.getFirst("signedInAs"), authentication)) {
            flash.addFlashAttribute("problem", ANOTHER_PERSON);
            return redirect(accessionId);
        }
        // The form holds the result as it was when the page was drawn: sent over a newer version, it would
        // silently undo what another pathologist corrected meanwhile.
        if (!fingerprint(report).equals(form.getFirst("basedOn"))) {
            flash.addFlashAttribute("problem", "The report changed since you opened this page (it is now version "
                    + (report.latest() == null ? 0 : report.latest().version()) + ", " + report.status()
                    + "); nothing was sent. Read the current version and correct it again if it still needs it.");
            return redirect(accessionId);
        }
        String orderId = form.getFirst("orderId");
        Optional<Report.Order> order = report.resultedOrders().stream()
                .filter(o -> o.orderId().equals(orderId)).findFirst();
        if (order.isEmpty()) {
            flash.addFlashAttribute("problem", "The case has no resulted order of that id to correct.");
            return redirect(accessionId);
        }
        List<String> problems = new ArrayList<>();
        String kind = choice(form.getFirst("kind"), List.of(CorrectionKind.values()), "Kind", problems);
        String reason = choice(form.getFirst("reason"), List.of(RevisionReason.values()), "Reason", problems);
        String explanation = form.getFirst("explanation") == null ? "" : form.getFirst("explanation").strip();
        if (explanation.isEmpty()) {
            problems.add("Explanation is required: the report tells its readers why the result changed");
        } else if (explanation.length() > MAX_EXPLANATION) {
            problems.add("Explanation must be at most " + MAX_EXPLANATION + " characters");
        }
        if (!"yes".equals(form.getFirst("confirmed"))) {
            problems.add("Confirm the correction: after sign-out it is issued at once under your name");
        }
        org.apache.avro.Schema schema = ResultForm.schema(order.get().assay());
        ResultForm.Read result = ResultForm.read(schema, form);
        problems.addAll(result.problems());
        if (problems.isEmpty()) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("orderId", orderId);
            body.put("kind", kind);
            body.put("reason", reason);
            body.put("explanation", explanation);
            body.set("correctedResult", result.result());
            try {
                lab.correct(accessionId, body);
                flash.addFlashAttribute("fingerprint", fingerprint(report));
                flash.addFlashAttribute("notice", "The corrected result of " + orderId + " is sent. " + (report
                        .issuedVersions().isEmpty() ? "The draft is redrafted with it in a moment."
                        : "The next version is requested under your name; the page shows it once reporting has"
                                + " issued it."));
                flash.addFlashAttribute("pending", true);
                return redirect(accessionId);
            } catch (LabApi.Refused e) {
                problems.add("Reporting refused the correction: " + e.getMessage());
            }
        }
        // The form comes back as the person filled it in, with what to fix.
        List<CorrectionFormView> corrections = new ArrayList<>();
        for (Report.Order o : report.resultedOrders()) {
            boolean this_ = o.orderId().equals(orderId);
            corrections.add(new CorrectionFormView(o, this_ ? ResultForm.fields(schema, result.result() == null
                    ? echo(schema, form) : result.result().toString()) : ResultForm.fields(ResultForm.schema(
                    o.assay()), o.finding().result()), this_ ? kind : null, this_ ? reason : null,
                    this_ ? explanation : null, this_ ? "open" : null, this_ ? problems : List.of()));
        }
        model.addAttribute("corrections", corrections);
        model.addAttribute("problem", "The correction was not sent; see the form below.");
        return show(accessionId, model);
    }

    /**
     * The form's values as a result JSON, so that a refused form keeps what the person typed: every row of a
     * repeated part that was sent, in the order of its numbers.
     */
    private static String echo(org.apache.avro.Schema schema, MultiValueMap<String, String> form) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        Map<String, java.util.SortedMap<Integer, ObjectNode>> repeated = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ResultForm.PREFIX) || e.getValue().isEmpty()) {
                continue;
            }
            String[] path = name.substring(ResultForm.PREFIX.length()).split("\\.");
            if (path.length == 1) {
                node.put(path[0], String.join(schema.getField(path[0]) != null
                        && schema.getField(path[0]).schema().getType() == org.apache.avro.Schema.Type.ARRAY ? "\n"
                        : "", e.getValue()));
            } else if (path.length == 3 && path[1].matches("0|[1-9][0-9]{0,8}")) {
                repeated.computeIfAbsent(path[0], k -> new java.util.TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(path[1]), k -> JsonNodeFactory.instance.objectNode())
                        .put(path[2], e.getValue().get(0));
            }
        }
        repeated.forEach((field, rows) -> rows.values().forEach(node.putArray(field)::add));
        return node.toString();
    }

    private static final String ANOTHER_PERSON = "This page was opened under another sign-in than yours; nothing"
            + " was sent. Read the report again and repeat what you meant to do.";

    /**
     * Whether the person who drew the form is the person signed in now. Identity still comes from the token
     * alone: this only stops a form drawn for one person from being sent under another's sign-in.
     */
    private static boolean samePerson(String signedInAs, Authentication authentication) {
        String subject = Person.of(authentication).subject();
        return signedInAs != null && !subject.isEmpty() && signedInAs.equals(subject);
    }

    private static <E extends Enum<E>> String choice(String given, List<E> allowed, String label,
            List<String> problems) {
        if (given != null && allowed.stream().anyMatch(e -> e.name().equals(given))) {
            return given;
        }
        problems.add(label + " must be chosen");
        return null;
    }

    private Report report(String accessionId) {
        if (!ACCESSION.matcher(accessionId).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such accession");
        }
        return lab.report(accessionId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "reporting has no such accession"));
    }

    private static String redirect(String accessionId) {
        return "redirect:/desk/cases/" + accessionId;
    }
}
