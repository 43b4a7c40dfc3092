package org.ntrklab.desk.web;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ntrklab.desk.lab.LabApi;
import org.ntrklab.desk.lab.WorklistEntry;
import org.ntrklab.events.OverallCall;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The worklist: every draft awaiting sign-out, most urgent first, with its turnaround clock; filtered by call
 * and tumour type. The rows refresh themselves, so a draft that arrives appears without reloading the page.
 */
@Controller
class WorklistController {

    private static final List<String> CALLS = Arrays.stream(OverallCall.values()).map(Enum::name).toList();
    private static final Pattern TUMOUR_CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final LabApi lab;

    WorklistController(LabApi lab) {
        this.lab = lab;
    }

    @GetMapping({"/", "/desk", "/desk/"})
    String worklist(@RequestParam(name = "call", required = false) String call,
            @RequestParam(name = "tumour", required = false) String tumour,
            @RequestParam(name = SignInProblems.SESSION_ENDED, required = false) String sessionEnded, Model model) {
        if (sessionEnded != null) {
            model.addAttribute("problem", "Your desk session had ended, so what you last sent was not sent. Open"
                    + " the case again and repeat it.");
        }
        rows(call, tumour, model);
        return "worklist";
    }

    /** The table body alone, for the page's own refresh. */
    @GetMapping("/desk/worklist/rows")
    String rows(@RequestParam(name = "call", required = false) String callAsked,
            @RequestParam(name = "tumour", required = false) String tumourAsked, Model model) {
        // A filter from the address bar is shown back on the page: anything but a call or a code is dropped.
        String call = callAsked != null && CALLS.contains(callAsked) ? callAsked : null;
        String tumour = tumourAsked != null && TUMOUR_CODE.matcher(tumourAsked).matches() ? tumourAsked : null;
        List<WorklistEntry> drafts = lab.awaitingSignOut();
        List<WorklistRow> rows = drafts.stream()
                .map(d -> new WorklistRow(d, lab.clock(d.accessionId()).orElse(null)))
                .filter(r -> r.matches(call, tumour))
                .sorted(WorklistRow.MOST_URGENT_FIRST)
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("total", drafts.size());
        // Every call the reports can make, so that a filter keeps its meaning while the list changes.
        model.addAttribute("calls", CALLS);
        // The tumour types of the drafts listed, and the one filtered on even when no draft has it any more.
        model.addAttribute("tumours", Stream.concat(drafts.stream().map(WorklistEntry::tumourCode),
                        Stream.of(tumour)).filter(t -> t != null && !t.isBlank()).distinct().sorted().toList());
        model.addAttribute("call", call == null ? "" : call);
        model.addAttribute("tumour", tumour == null ? "" : tumour);
        return "worklist :: rows";
    }
}
