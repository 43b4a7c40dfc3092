package org.ntrklab.reporting.report;

import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.ReflexSettled;
import org.ntrklab.events.TumourTypeRoute;

/**
 * The pre-test facts reflex worked with, as its settled announcement states them: the suspicion (HIGH for a
 * high-prevalence tumour type whatever the request said) and the routing table's class of the tumour
 * type. A negative is weighed against them, so reflex and the report agree on when testing is complete.
 *
 * @param route null when reflex did not say (announcements of earlier versions)
 */
public record PreTest(ClinicalSuspicion suspicion, TumourTypeRoute route) {

    public static PreTest of(ReflexSettled settled) {
        return new PreTest(settled.getSuspicion(), settled.getTumourTypeRoute());
    }

    /** Only the LIMS's suspicion is known. */
    public static PreTest of(CaseFacts facts) {
        return new PreTest(facts.suspicion(), null);
    }

    /** HIGH when either the LIMS or reflex said so. */
    public boolean highSuspicion(CaseFacts facts) {
        return suspicion == ClinicalSuspicion.HIGH || (facts != null && facts.suspicion() == ClinicalSuspicion.HIGH);
    }

    public boolean highPrevalence() {
        return route == TumourTypeRoute.HIGH_PREVALENCE;
    }

    public boolean ihcUnreliable() {
        return route == TumourTypeRoute.IHC_UNRELIABLE;
    }
}
