package org.ntrklab.schemas.evolution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.ntrklab.schemas.EventEnvelopes;
import org.ntrklab.schemas.StateSchemas;

/**
 * Build step: checks every current envelope schema against every released version of it and fails the
 * build (non-zero exit through an exception) on the first broken rule, listing all of them.
 */
public final class ReleasedSchemaCheck {

    private ReleasedSchemaCheck() {
    }

    /** Violations of the current envelopes against the releases under {@code releasedDir}. */
    public static List<EvolutionViolation> check(Path releasedDir, List<Schema> currentEnvelopes) {
        Map<String, Schema> current = currentEnvelopes.stream()
                .collect(Collectors.toMap(Schema::getFullName, Function.identity()));
        List<EvolutionViolation> violations = new ArrayList<>();
        for (ReleasedSchemas.Released released : ReleasedSchemas.load(releasedDir)) {
            String name = released.schema().getFullName();
            Schema now = current.get(name);
            if (now == null) {
                violations.add(new EvolutionViolation(name, released.version(),
                        "schema released in version " + released.version() + " no longer exists"));
            } else {
                SchemaEvolutionRules.check(released.schema(), now).stream()
                        .map(v -> new EvolutionViolation(v.schema(), "v" + released.version() + " " + v.location(),
                                v.message()))
                        .forEach(violations::add);
            }
        }
        return violations;
    }

    /**
     * @param args the released schemas' directory and, optionally, the current state schemas' directory
     *     (the state-store value schemas are checked by the same rules as the envelopes)
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: ReleasedSchemaCheck <released-schemas-dir> [<state-schemas-dir>]");
        }
        Path dir = Path.of(args[0]);
        int releasedCount = ReleasedSchemas.load(dir).size();
        List<Schema> current = new ArrayList<>(EventEnvelopes.ALL);
        if (args.length == 2) {
            current.addAll(StateSchemas.load(Path.of(args[1])));
        }
        List<EvolutionViolation> violations = check(dir, current);
        if (!violations.isEmpty()) {
            String list = violations.stream().map(v -> "  - " + v).collect(Collectors.joining("\n"));
            throw new IllegalStateException("Schema evolution check failed (" + violations.size()
                    + " violation(s)) against released schemas in " + dir + ":\n" + list);
        }
        System.out.printf("Schema evolution check: %d envelope(s) and %d state schema(s) compatible with %d released "
                + "schema file(s)%n", EventEnvelopes.ALL.size(), current.size() - EventEnvelopes.ALL.size(), releasedCount);
    }
}
