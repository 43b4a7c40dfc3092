package org.ntrklab.platform.spring;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every service shares, under {@code ntrk.*}. Kafka connection and security stay under Spring
 * Boot's own {@code spring.kafka.*}.
 *
 * @param serviceName the service's name: its Kafka Streams application id and consumer group
 * @param topics topic layout
 * @param registry schema registry client
 * @param streams Kafka Streams runtime
 */
@ConfigurationProperties("ntrk")
public record NtrkProperties(String serviceName, @DefaultValue Topics topics, @DefaultValue Registry registry,
        @DefaultValue Streams streams) {

    public NtrkProperties {
        if (serviceName == null || serviceName.isBlank()) {
            throw new IllegalArgumentException("ntrk.service-name must be set (it becomes the Kafka Streams "
                    + "application id and consumer group)");
        }
    }

    /**
     * @param prefix prepended to every topic name (e.g. an environment name); empty by default
     * @param partitions partitions of every topic; all topics share it so they are co-partitioned
     * @param replicationFactor replicas per partition; 1 on a single broker, 3 in a production cluster
     * @param create create missing topics at start-up
     */
    public record Topics(@DefaultValue("") String prefix, @DefaultValue("6") int partitions,
            @DefaultValue("1") short replicationFactor, @DefaultValue("true") boolean create) {
    }

    /**
     * @param url Apicurio core API URL, e.g. {@code http://localhost:8081/apis/registry/v3}
     * @param autoRegister register a writer's schema on first use
     * @param properties further {@code apicurio.registry.*} client settings (authentication, TLS)
     */
    public record Registry(@DefaultValue("http://localhost:8081/apis/registry/v3") String url,
            @DefaultValue("true") boolean autoRegister, Map<String, String> properties) {
    }

    /**
     * @param stateDir where Kafka Streams keeps its local state
     * @param properties further Kafka Streams settings, applied last
     */
    public record Streams(@DefaultValue("data/streams") Path stateDir, Map<String, String> properties) {
    }
}
