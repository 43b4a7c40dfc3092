package org.ntrklab.schemas.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The released schema versions kept in the module: {@code <dir>/<version>/<full schema name>.avsc}, one
 * file per envelope, written by {@link SchemaRelease} and never edited afterwards.
 */
public final class ReleasedSchemas {

    /** One released envelope schema. */
    public record Released(String version, Path file, Schema schema) {
    }

    private ReleasedSchemas() {
    }

    public static List<Released> load(Path releasedDir) {
        if (!Files.isDirectory(releasedDir)) {
            return List.of();
        }
        List<Released> all = new ArrayList<>();
        try (Stream<Path> versions = Files.list(releasedDir)) {
            for (Path versionDir : versions.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(versionDir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".avsc"))
                            .sorted(Comparator.naturalOrder()).toList()) {
                        Schema schema = new Schema.Parser().parse(file.toFile());
                        all.add(new Released(versionDir.getFileName().toString(), file, schema));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read released schemas under " + releasedDir, e);
        }
        return all;
    }
}
