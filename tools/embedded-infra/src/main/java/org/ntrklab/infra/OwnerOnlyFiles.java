package org.ntrklab.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files and directories only their owner can read, created that way (never readable in between). */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    public static void createDirectory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                posix(dir, OWNER_DIR);
                return;
            }
            Files.createDirectories(dir.toAbsolutePath().getParent());
            if (posixSupported(dir.toAbsolutePath().getParent())) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            createDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    public static void write(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (posixSupported(file.getParent())) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            } else {
                Files.createFile(tmp);
            }
            try (Writer w = Files.newBufferedWriter(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
                w.write(text);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void posix(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posixSupported(path)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posixSupported(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
