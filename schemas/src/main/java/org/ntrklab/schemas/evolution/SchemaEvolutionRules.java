package org.ntrklab.schemas.evolution;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Our schema evolution rules: a new schema must read every record written with a released one (Avro
 * BACKWARD compatibility, as the registry enforces at registration) and, stricter than Avro, must not
 * rename or remove anything: consumers in other languages and other teams' code rely on every released
 * field, symbol and union branch staying where it was. New enum symbols and union branches go at the end.
 */
public final class SchemaEvolutionRules {

    private SchemaEvolutionRules() {
    }

    /** Every violation of the rules by {@code current} against {@code released}; empty when the change is allowed. */
    public static List<EvolutionViolation> check(Schema released, Schema current) {
        List<EvolutionViolation> violations = new ArrayList<>();
        String name = current.getFullName();
        SchemaCompatibility.SchemaPairCompatibility backward =
                SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        if (backward.getType() != SchemaCompatibilityType.COMPATIBLE) {
            for (Incompatibility incompatibility : backward.getResult().getIncompatibilities()) {
                violations.add(new EvolutionViolation(name, incompatibility.getLocation(),
                        "cannot read data written with the released schema: " + incompatibility.getType()
                                + " (" + incompatibility.getMessage() + ")"));
            }
        }
        compareKeptParts(name, "", released, current, violations, new HashSet<>());
        return violations;
    }

    private static void compareKeptParts(String root, String path, Schema released, Schema current,
            List<EvolutionViolation> violations, Set<String> visited) {
        if (released.getType() != current.getType()) {
            // Avro's own check reports type changes it cannot resolve; promotions (int -> long) are fine.
            return;
        }
        String logicalBefore = released.getProp("logicalType");
        String logicalAfter = current.getProp("logicalType");
        if (!java.util.Objects.equals(logicalBefore, logicalAfter)) {
            // Same bytes, different meaning (e.g. milliseconds read as microseconds): Avro accepts it.
            violations.add(new EvolutionViolation(root, path, "logical type " + logicalBefore + " became "
                    + logicalAfter + "; the meaning of released data must not change"));
        }
        switch (released.getType()) {
            case RECORD -> {
                if (!visited.add(released.getFullName())) {
                    return;
                }
                for (Schema.Field field : released.getFields()) {
                    Schema.Field kept = current.getField(field.name());
                    String at = path + "/" + field.name();
                    if (kept == null) {
                        violations.add(new EvolutionViolation(root, at,
                                "field '" + field.name() + "' of " + released.getName()
                                        + " was removed or renamed; released fields must stay"));
                    } else {
                        if (field.hasDefaultValue()
                                && (!kept.hasDefaultValue() || !java.util.Objects.equals(field.defaultVal(), kept.defaultVal()))) {
                            violations.add(new EvolutionViolation(root, at, "default of field '" + field.name()
                                    + "' changed from " + field.defaultVal() + " to "
                                    + (kept.hasDefaultValue() ? kept.defaultVal() : "none")
                                    + "; writers that omit the field would silently mean something else"));
                        }
                        compareKeptParts(root, at, field.schema(), kept.schema(), violations, visited);
                    }
                }
            }
            case ENUM -> {
                List<String> before = released.getEnumSymbols();
                List<String> after = current.getEnumSymbols();
                if (after.size() < before.size() || !after.subList(0, before.size()).equals(before)) {
                    violations.add(new EvolutionViolation(root, path,
                            "enum " + released.getName() + " symbols " + before + " became " + after
                                    + "; released symbols must stay in order, new ones go at the end"));
                }
                if (released.getEnumDefault() != null
                        && !released.getEnumDefault().equals(current.getEnumDefault())) {
                    violations.add(new EvolutionViolation(root, path, "enum " + released.getName()
                            + " default " + released.getEnumDefault() + " became " + current.getEnumDefault()
                            + "; unknown values would be read differently"));
                }
            }
            case UNION -> {
                List<Schema> before = released.getTypes();
                List<Schema> after = current.getTypes();
                for (int i = 0; i < before.size(); i++) {
                    if (i >= after.size() || !branchName(before.get(i)).equals(branchName(after.get(i)))) {
                        violations.add(new EvolutionViolation(root, path,
                                "union branches " + names(before) + " became " + names(after)
                                        + "; released branches must stay in order, new ones go at the end"));
                        return;
                    }
                    String at = path + "/" + branchName(before.get(i));
                    reportBranchIncompatibilities(root, at, before.get(i), after.get(i), violations);
                    compareKeptParts(root, at, before.get(i), after.get(i), violations, visited);
                }
            }
            case ARRAY -> compareKeptParts(root, path + "/[]", released.getElementType(), current.getElementType(),
                    violations, visited);
            case MAP -> compareKeptParts(root, path + "/{}", released.getValueType(), current.getValueType(),
                    violations, visited);
            default -> {
                // primitives and fixed: Avro's check covers them
            }
        }
    }

    /**
     * Avro reports an incompatible record inside a union only as a missing branch; checking the branch
     * pair on its own names the actual cause (a field without default, a changed type).
     */
    private static void reportBranchIncompatibilities(String root, String path, Schema released, Schema current,
            List<EvolutionViolation> violations) {
        if (released.getType() != Schema.Type.RECORD) {
            return;
        }
        SchemaCompatibility.SchemaPairCompatibility pair =
                SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            violations.add(new EvolutionViolation(root, path + incompatibility.getLocation(),
                    "branch " + released.getName() + " cannot read data written with the released schema: "
                            + incompatibility.getType() + " (" + incompatibility.getMessage() + ")"));
        }
    }

    private static String branchName(Schema branch) {
        return switch (branch.getType()) {
            case RECORD, ENUM, FIXED -> branch.getFullName();
            default -> branch.getType().getName();
        };
    }

    private static List<String> names(List<Schema> branches) {
        return branches.stream().map(SchemaEvolutionRules::branchName).toList();
    }
}
