package org.ntrklab.reporting.report;

import org.ntrklab.events.Recommendation;

/** Advice reflex gave that could not be ordered automatically, e.g. test tissue after a negative cfDNA. */
public record AdviceNote(Recommendation recommendation, String ruleId) {

    public String text() {
        switch (recommendation) {
            case TEST_TISSUE:
                return "test a tissue specimen";
            case REQUEST_NEW_SPECIMEN:
                return "request a new specimen";
            default:
                return "consider an alternative method";
        }
    }
}
