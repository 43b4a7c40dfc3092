package org.ntrklab.desk.print;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ntrklab.desk.lab.LabApi;
import org.ntrklab.desk.lab.Report;
import org.ntrklab.desk.web.DeskFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Each issued version as a printable molecular pathology report: an HTML print view and the same document as
 * a PDF. Drafts are not printed: only what a pathologist signed leaves the desk as a report.
 */
@Controller
class PrintController {

    private static final java.util.regex.Pattern ACCESSION = java.util.regex.Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final LabApi lab;
    private final TemplateEngine templates;
    private final DeskFormat format;
    private final String printCss;

    PrintController(LabApi lab, TemplateEngine templates, DeskFormat format) {
        this.lab = lab;
        this.templates = templates;
        this.format = format;
        try (InputStream css = PrintController.class.getResourceAsStream("/ntrk-desk/static/print.css")) {
            this.printCss = new String(css.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("print.css missing from the desk's class path", e);
        }
    }

    @GetMapping("/desk/cases/{accessionId}/versions/{version}/print")
    String print(@PathVariable String accessionId, @PathVariable int version, Model model) {
        model.addAllAttributes(document(accessionId, version));
        return "print";
    }

    @GetMapping("/desk/cases/{accessionId}/versions/{version}/report.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String accessionId, @PathVariable int version) {
        Context context = new Context();
        context.setVariables(document(accessionId, version));
        // The PDF renderer fetches nothing: the style sheet goes inside the document.
        context.setVariable("inlineCss", printCss);
        byte[] pdf = ReportPdf.render(templates.process("print", context));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(accessionId + "-v" + version + ".pdf").build().toString())
                .body(pdf);
    }

    private Map<String, Object> document(String accessionId, int version) {
        if (!ACCESSION.matcher(accessionId).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such accession");
        }
        Report report = lab.report(accessionId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "reporting has no such accession"));
        Report.Version issued = report.issued(version).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "the accession has no issued version " + version));
        List<Report.Version> history = report.issuedVersions().stream()
                .sorted(Comparator.comparingInt(Report.Version::version).reversed()).toList();
        Map<String, Object> document = new HashMap<>(Map.of("report", report, "v", issued, "fmt", format,
                "issuedVersions", history));
        // An earlier version printed again must never pass for the report in force: it says what replaced it.
        Report.Version current = history.get(0);
        if (current.version() != issued.version()) {
            document.put("supersededBy", current);
        }
        return document;
    }
}
