package org.ntrklab.platform.access;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A Kafka client settings file, as Kafka's own tools take it with {@code --command-config}: the sign-in
 * (security.protocol, sasl.*, ssl.*) that the lab stack writes for each principal.
 */
public final class KafkaClientFile {

    private KafkaClientFile() {
    }

    /**
     * The file's settings.
     *
     * @throws IllegalArgumentException whose message is the file and what is wrong with it, e.g.
     *     {@code client.properties: no such file} (never its contents, which hold a password)
     */
    public static Map<String, Object> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
        }
        Map<String, Object> settings = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        return settings;
    }
}
