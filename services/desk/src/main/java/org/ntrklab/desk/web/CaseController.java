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

    private final LabApi lab;

    CaseController(LabApi lab) {
        this.lab = lab;
    }

    @GetMapping("/desk/cases/{accessionId}")
    String show(@PathVariable String accessionId, Model model) {
        Report report = report(accessionId);
        model.addAttribute("report", report);
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
     * The status badge, asked for every few seconds after a command: once the status has moved on, the page
     * reloads to show the new version.
     */
    @GetMapping("/desk/cases/{accessionId}/status")
    String status(@PathVariable String accessionId, @RequestParam String shown, Model model,
            HttpServletResponse response) {
        Report report = report(accessionId);
        if (!report.status().equals(shown)) {
            response.setHeader(Htmx.REFRESH, "true");
        }
        model.addAttribute("report", report);
        model.addAttribute("pending", true);
        return "case :: status";
    }

    @PreAuthorize("hasRole('pathologist')")
    @PostMapping("/desk/cases/{accessionId}/sign-out")
    String signOut(@PathVariable String accessionId, @RequestParam int version,
            @RequestParam(required = false) String confirmed, RedirectAttributes flash) {
        report(accessionId);
        if (!"yes".equals(confirmed)) {
            flash.addFlashAttribute("problem", "To sign out, confirm that you have reviewed the report.");
            return redirect(accessionId);
        }
        try {
            lab.signOut(accessionId, version);
            flash.addFlashAttribute("notice", "Version " + version + " is signed out under your name; it is issued as"
                    + " FINAL in a moment.");
            flash.addFlashAttribute("pending", true);
        } catch (LabApi.Refused e) {
            flash.addFlashAttribute("problem", "Not signed out: " + e.getMessage());
        }
        return redirect(accessionId);
    }

    @PreAuthorize("hasRole('pathologist')")
    @PostMapping("/desk/cases/{accessionId}/corrections")
    String correct(@PathVariable String accessionId, @RequestParam MultiValueMap<String, String> form, Model model,
            RedirectAttributes flash) {
        Report report = report(accessionId);
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
                flash.addFlashAttribute("notice", "The corrected result of " + orderId + " is sent. " + (report
                        .issuedVersions().isEmpty() ? "The draft is redrafted with it in a moment."
                        : "The next version is issued under your name in a moment."));
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

    /** The form's values as a result JSON, so that a refused form keeps what the person typed. */
    private static String echo(org.apache.avro.Schema schema, MultiValueMap<String, String> form) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
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
            } else if (path.length == 3) {
                tools.jackson.databind.node.ArrayNode rows = node.has(path[0]) && node.get(path[0]).isArray()
                        ? (tools.jackson.databind.node.ArrayNode) node.get(path[0]) : node.putArray(path[0]);
                int row;
                try {
                    row = Integer.parseInt(path[1]);
                } catch (NumberFormatException ex) {
                    continue;
                }
                while (rows.size() <= row && rows.size() < 8) {
                    rows.addObject();
                }
                if (row < rows.size()) {
                    ((ObjectNode) rows.get(row)).put(path[2], e.getValue().get(0));
                }
            }
        }
        return node.toString();
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
