package org.ntrklab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the project read by tests that keep documentation true to the code. A module's tests run in the
 * module's directory, so the file is looked for there and in each directory above it.
 */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    /** The text of {@code relativePath} (e.g. {@code docs/clinical-rules.md}) of the project's checkout. */
    public static String read(String relativePath) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relativePath))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(relativePath + " is not in or above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readString(dir.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
