package org.ntrklab.simulator.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resident memory of a process and of every process it started (the lab stack runs the schema registry as
 * a child), read from Linux's /proc; elsewhere only this JVM's heap and non-heap use can be told.
 */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Resident set sizes in bytes of a process and of its descendants together. */
    record Resident(long process, long children) {

        long total() {
            return process + children;
        }
    }

    /** Resident set sizes of {@code pid} and, apart, of its descendants, if the platform says. */
    static Optional<Resident> resident(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> own = rss(pid);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        long children = 0;
        for (ProcessHandle child : (Iterable<ProcessHandle>) process.get().descendants()::iterator) {
            children += rss(child.pid()).orElse(0L);
        }
        return Optional.of(new Resident(own.get(), children));
    }

    /** What this JVM uses, for platforms without /proc. */
    static long jvmUsedBytes() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static Optional<Long> rss(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return Optional.of(Long.parseLong(kb) * 1024);
                }
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
