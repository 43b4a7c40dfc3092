package org.ntrklab.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The schemas of the services' state-store values, kept beside the event schemas: one file per value type
 * in {@code src/main/state} ({@code <name>.avsc}, the record's simple name), packaged under
 * {@code ntrk/state/}, released and checked for compatibility exactly as the envelopes are. Released
 * versions are packaged under {@code ntrk/released/<version>/<full name>.avsc}, so that a service can read
 * state written with any released schema.
 */
public final class StateSchemas {

    /** Namespace of every state record that is not an event type. */
    public static final String NAMESPACE = "org.ntrklab.state";

    private static final String CURRENT = "ntrk/state/";
    private static final String RELEASED = "ntrk/released/";
    /** Released version numbers are small and contiguous; this bounds the search for them. */
    private static final int MAX_RELEASES = 1000;

    private StateSchemas() {
    }

    /** The current schema of the state record named {@code name} (e.g. "QcCase"). */
    public static Schema current(String name) {
        Schema schema = resource(CURRENT + name + ".avsc");
        if (schema == null) {
            throw new IllegalStateException("no state schema " + name + ".avsc in the schemas module (src/main/state)");
        }
        return schema;
    }

    /** Every released version of the state record named {@code name}, oldest first. */
    public static List<Schema> released(String name) {
        List<Schema> all = new ArrayList<>();
        for (int version = 1; version <= MAX_RELEASES; version++) {
            Schema schema = resource(RELEASED + version + "/" + NAMESPACE + "." + name + ".avsc");
            if (schema != null) {
                all.add(schema);
            } else if (resource(RELEASED + version + "/org.ntrklab.events.ReportEvent.avsc") == null) {
                break;
            }
        }
        return all;
    }

    /** The current state schemas in a source directory, for the build's evolution check and the release step. */
    public static List<Schema> load(Path stateDir) {
        if (!Files.isDirectory(stateDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(stateDir)) {
            List<Schema> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                all.add(new Schema.Parser().parse(file.toFile()));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state schemas under " + stateDir, e);
        }
    }

    private static Schema resource(String path) {
        try (InputStream in = StateSchemas.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
