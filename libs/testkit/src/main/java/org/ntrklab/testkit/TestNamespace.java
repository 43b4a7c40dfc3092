package org.ntrklab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.TestInfo;

/**
 * What one test owns on the shared broker: a topic prefix, a Kafka Streams application id and a state
 * directory, all unique in the JVM and across JVMs sharing a broker, so tests never see each other's
 * records, offsets or state.
 */
public record TestNamespace(String topicPrefix, String applicationId, Path stateDir) {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** A namespace named after the running test class and method. */
    public static TestNamespace of(TestInfo test) {
        String method = test.getTestMethod().map(m -> m.getName()).orElse("");
        String owner = test.getTestClass().map(Class::getSimpleName).orElse("test");
        return create(owner + "-" + method);
    }

    public static TestNamespace create(String testName) {
        String safe = testName.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
        // Topic names are limited to 249 characters; keep the readable part short.
        safe = safe.length() > 60 ? safe.substring(0, 60) : safe;
        String unique = safe + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        try {
            Path stateDir = Files.createDirectories(
                    SharedInfrastructure.get().dataDir().resolve("streams-state").resolve(unique));
            return new TestNamespace("t-" + unique + ".", "app-" + unique, stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String topic(String name) {
        return topicPrefix + name;
    }
}
