package org.ntrklab.desk.web;

import java.util.List;
import org.ntrklab.desk.forms.ResultField;
import org.ntrklab.desk.lab.Report;

/**
 * The correction form of one resulted order, as the case page draws it.
 *
 * @param open "open" to show the form unfolded (it came back with problems)
 */
public record CorrectionFormView(Report.Order order, List<ResultField> fields, String kind, String reason,
        String explanation, String open, List<String> problems) {
}
