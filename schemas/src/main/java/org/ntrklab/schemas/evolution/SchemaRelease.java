package org.ntrklab.schemas.evolution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import java.util.ArrayList;
import java.util.List;
import org.ntrklab.schemas.EventEnvelopes;
import org.ntrklab.schemas.StateSchemas;

/**
 * Release step: freezes the current envelope and state schemas as version {@code <version>} under the released
 * directory, so that every later build is checked against them. Run once per release:
 * {@code mvn -pl schemas process-classes exec:java@release-schemas -Drelease.version=3}.
 */
public final class SchemaRelease {

    private SchemaRelease() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException("usage: SchemaRelease <released-schemas-dir> <version> [<state-schemas-dir>]");
        }
        Path target = Path.of(args[0]).resolve(args[1]);
        if (Files.exists(target)) {
            throw new IllegalStateException("released version " + args[1] + " already exists at " + target
                    + "; released schemas are never overwritten");
        }
        Files.createDirectories(target);
        List<Schema> current = new ArrayList<>(EventEnvelopes.ALL);
        if (args.length == 3) {
            current.addAll(StateSchemas.load(Path.of(args[2])));
        }
        for (Schema envelope : current) {
            Path file = target.resolve(envelope.getFullName() + ".avsc");
            Files.writeString(file, envelope.toString(true) + "\n");
            System.out.println("released " + file);
        }
    }
}
