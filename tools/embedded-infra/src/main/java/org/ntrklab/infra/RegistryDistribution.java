package org.ntrklab.infra;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Apicurio Registry server on this machine. The build resolves its distribution archive from
 * Maven Central into the local Maven repository; on first use it is unpacked into a cache directory that
 * every later start (and every other JVM) reuses.
 *
 * <p>Overrides, in order: system property {@code ntrk.registry.runner-jar} (or environment variable
 * {@code NTRK_REGISTRY_RUNNER_JAR}) naming an unpacked runner jar; {@code ntrk.registry.archive} naming the
 * archive; {@code ntrk.registry.cache-dir} for where to unpack.
 */
public final class RegistryDistribution {

    private static final Logger log = LoggerFactory.getLogger(RegistryDistribution.class);

    private final String version;
    private final Path runnerJar;

    private RegistryDistribution(String version, Path runnerJar) {
        this.version = version;
        this.runnerJar = runnerJar;
    }

    public String version() {
        return version;
    }

    public Path runnerJar() {
        return runnerJar;
    }

    public static RegistryDistribution locate() {
        Properties coordinates = coordinates();
        String version = coordinates.getProperty("version");
        String explicit = setting("ntrk.registry.runner-jar", "NTRK_REGISTRY_RUNNER_JAR");
        if (explicit != null) {
            Path jar = Path.of(explicit);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("ntrk.registry.runner-jar points to " + jar + ", which does not exist");
            }
            return new RegistryDistribution(version, jar);
        }
        String name = coordinates.getProperty("artifactId") + "-" + version;
        Path archive = archive(coordinates, name);
        Path cacheRoot = Path.of(System.getProperty("ntrk.registry.cache-dir",
                Path.of(System.getProperty("user.home"), ".cache", "ntrk-lab-workflow").toString()));
        Path home = cacheRoot.resolve(name);
        Path jar = home.resolve(name + "-runner.jar");
        if (!Files.isRegularFile(jar)) {
            unpackOnce(archive, cacheRoot, home, jar);
        }
        return new RegistryDistribution(version, jar);
    }

    private static Properties coordinates() {
        Properties p = new Properties();
        try (InputStream in = RegistryDistribution.class.getResourceAsStream("registry-distribution.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static Path archive(Properties c, String name) {
        String explicit = System.getProperty("ntrk.registry.archive");
        if (explicit != null) {
            return Path.of(explicit);
        }
        String repo = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path archive = Path.of(repo, c.getProperty("groupId").replace('.', '/'), c.getProperty("artifactId"),
                c.getProperty("version"), name + "-" + c.getProperty("classifier") + ".tar.gz");
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("Apicurio Registry distribution not found at " + archive
                    + ". Build the project once (mvn install -DskipTests) so Maven fetches it, or set "
                    + "-Dntrk.registry.archive=<tar.gz> or -Dntrk.registry.runner-jar=<unpacked runner jar>.");
        }
        return archive;
    }

    /** Unpacks under a file lock into a temporary directory, then renames it, so concurrent JVMs never see half a copy. */
    private static void unpackOnce(Path archive, Path cacheRoot, Path home, Path jar) {
        try {
            Files.createDirectories(cacheRoot);
            try (FileChannel channel = FileChannel.open(cacheRoot.resolve(home.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (Files.isRegularFile(jar)) {
                    return;
                }
                log.info("Unpacking Apicurio Registry from {} into {}", archive, home);
                Path staging = Files.createTempDirectory(cacheRoot, home.getFileName() + ".unpacking");
                untar(archive, staging);
                deleteRecursively(home);
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + archive + " into " + home, e);
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("unpacked " + archive + " but found no " + jar.getFileName());
        }
    }

    private static void untar(Path archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive))))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("archive entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(env);
    }
}
