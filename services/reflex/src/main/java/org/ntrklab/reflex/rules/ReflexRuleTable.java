package org.ntrklab.reflex.rules;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ntrklab.events.RunFailureReason;

/**
 * The configurable part of test selection and reflex: which OncoTree codes take which route, the
 * paediatric age limit, how deep a reflex chain may go and which run failures are repeated.
 *
 * @param version recorded in logs and documentation; change it with every validated edit
 * @param paediatricAgeBelow patients younger than this (years) take the paediatric route
 * @param maxChainDepth deepest order allowed (initial orders are depth 0, each reflex or retest adds one)
 * @param maxRetestsPerAssay how often one assay may be repeated after technical run failures
 * @param retestRunFailures run failures that are technical (instrument, controls) and so worth repeating;
 *     the others say the specimen is the problem, so the next method is tried instead
 */
public record ReflexRuleTable(String version, int paediatricAgeBelow, int maxChainDepth, int maxRetestsPerAssay,
        Set<RunFailureReason> retestRunFailures, Map<String, TumourTypeEntry> tumourTypes) {

    public ReflexRuleTable {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("reflex rule table has no version");
        }
        if (paediatricAgeBelow < 1 || paediatricAgeBelow > 30) {
            throw new IllegalArgumentException("paediatric-age-below must be between 1 and 30, got " + paediatricAgeBelow);
        }
        if (maxChainDepth < 1 || maxChainDepth > 10) {
            throw new IllegalArgumentException("max-chain-depth must be between 1 and 10, got " + maxChainDepth);
        }
        if (maxRetestsPerAssay < 0 || maxRetestsPerAssay > 3) {
            throw new IllegalArgumentException("max-retests-per-assay must be between 0 and 3, got " + maxRetestsPerAssay);
        }
        retestRunFailures = retestRunFailures == null || retestRunFailures.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(RunFailureReason.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(retestRunFailures));
        tumourTypes = Collections.unmodifiableMap(new LinkedHashMap<>(tumourTypes));
    }

    /** Builds the table from its entries, refusing a code listed twice. */
    public static ReflexRuleTable of(String version, int paediatricAgeBelow, int maxChainDepth, int maxRetestsPerAssay,
            Set<RunFailureReason> retestRunFailures, List<TumourTypeEntry> entries) {
        Map<String, TumourTypeEntry> byCode = new LinkedHashMap<>();
        for (TumourTypeEntry e : entries) {
            TumourTypeEntry earlier = byCode.putIfAbsent(e.code(), e);
            if (earlier != null) {
                throw new IllegalArgumentException("tumour type " + e.code() + " is listed twice (" + earlier.route()
                        + " and " + e.route() + "); a code takes exactly one route");
            }
        }
        return new ReflexRuleTable(version, paediatricAgeBelow, maxChainDepth, maxRetestsPerAssay, retestRunFailures,
                byCode);
    }

    public Optional<TumourTypeEntry> tumourType(String oncoTreeCode) {
        return Optional.ofNullable(oncoTreeCode == null ? null : tumourTypes.get(oncoTreeCode.trim()));
    }

    public boolean retestable(RunFailureReason reason) {
        return retestRunFailures.contains(reason);
    }
}
