package org.ntrklab.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.ntrklab.testkit.ProjectFiles;
import org.ntrklab.events.OverallCall;
import org.ntrklab.reporting.report.ReportInterpreter;

/**
 * docs/clinical-rules.md, the page a molecular pathologist reviews, stays true to the interpretation rules:
 * it names the rule-set version every report carries and every overall call, each with the LOINC answer
 * (list LL541-4) the FHIR and HL7 v2 exports code it with.
 */
class ClinicalRulesDocTest {

    private static final String PAGE = "docs/clinical-rules.md";

    @Test
    void namesTheRuleSetVersion() throws IOException {
        assertThat(page()).as("%s names the interpretation rules version", PAGE)
                .contains("`" + ReportInterpreter.RULE_SET_VERSION + "`");
    }

    @Test
    void namesEveryOverallCallWithItsExportCode() throws IOException {
        String page = page();
        for (OverallCall call : OverallCall.values()) {
            ExportCodes.Code code = ExportCodes.overallCall(call);
            assertThat(page).as("%s states when the call %s is made", PAGE, call)
                    .containsPattern("\\| \\d+ \\| `" + call.name() + "` \\|");
            assertThat(page).as("%s gives the export code of %s", PAGE, call)
                    .contains("| `" + call.name() + "` | " + code.code() + " " + code.display());
        }
    }

    private static String page() {
        return ProjectFiles.read(PAGE);
    }
}
