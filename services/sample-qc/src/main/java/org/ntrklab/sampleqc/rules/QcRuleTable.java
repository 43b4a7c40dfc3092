package org.ntrklab.sampleqc.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.SpecimenType;

/**
 * The versioned QC rule table. Every decision records the version that made it, so a lab that validates
 * new thresholds can tell which decisions were made under which table.
 */
public record QcRuleTable(String version, List<QcRule> rules) {

    public QcRuleTable {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("the QC rule table has no version");
        }
        List<QcRule> given = rules == null ? List.of() : rules;
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) == null) {
                throw new IllegalArgumentException("rule #" + (i + 1) + " of the QC rule table is empty");
            }
        }
        rules = List.copyOf(given);
        Set<String> ids = new HashSet<>();
        for (QcRule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("QC rule id " + rule.id() + " appears twice in table " + version);
            }
        }
    }

    /** The rules that judge this assay on this specimen, in table order. */
    public List<QcRule> rulesFor(AssayType assay, SpecimenType specimen, BloodTubeType tube) {
        return rules.stream().filter(r -> r.appliesTo(assay, specimen, tube)).toList();
    }
}
