package org.ntrklab.platform.spring;

import java.nio.file.Path;
import java.time.Duration;
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
     * @param replicationFactor replicas per partition; -1 (default) takes the broker's
     *     {@code default.replication.factor}, so a production cluster's setting applies unless overridden
     * @param retentionMs how long topics keep records; -1 (default) keeps them for ever, so that history
     *     can be replayed and nothing ages out of a dead-letter topic unseen
     * @param deadLetterRetentionMs how long dead-letter topics keep records; -1 (default) keeps them for ever,
     *     so nothing refused is lost before someone has looked at it. Dead letters are unchanged input records
     *     and may hold a pseudonymous patient reference: a lab may prefer a bound, e.g. 7776000000 (90 days)
     * @param create create missing topics at start-up (and set the dead-letter topics' retention)
     */
    public record Topics(@DefaultValue("") String prefix, @DefaultValue("6") int partitions,
            @DefaultValue("-1") short replicationFactor, @DefaultValue("-1") long retentionMs,
            @DefaultValue("-1") long deadLetterRetentionMs, @DefaultValue("true") boolean create) {
    }

    /**
     * @param url Apicurio core API URL, e.g. {@code http://localhost:8081/apis/registry/v3}
     * @param confluentUrl the registry's Confluent-compatible API; derived from {@code url} when unset
     * @param autoRegister register a writer's schema on first use
     * @param registerSchemas register every topic's schema and its compatibility rule at start-up, so
     *     external producers find them
     * @param auth how the service signs in to the registry to register schemas
     * @param properties further {@code apicurio.registry.*} client settings (TLS)
     */
    public record Registry(@DefaultValue("http://localhost:8081/apis/registry/v3") String url, String confluentUrl,
            @DefaultValue("true") boolean autoRegister, @DefaultValue("true") boolean registerSchemas,
            @DefaultValue RegistryAuth auth, Map<String, String> properties) {
    }

    /**
     * The service's OAuth2 client at the identity provider the registry trusts (client-credentials grant); it
     * needs the registry's writer role. Unset: the service signs in to nothing, and a registry that requires
     * a sign-in for writes refuses its registrations.
     *
     * @param tokenUrl the identity provider's token endpoint
     * @param clientId the client id
     * @param clientSecret its secret (from the environment or a secret store, never a committed file)
     */
    public record RegistryAuth(String tokenUrl, String clientId, String clientSecret) {

        public RegistryAuth {
            boolean any = tokenUrl != null || clientId != null || clientSecret != null;
            boolean all = tokenUrl != null && clientId != null && clientSecret != null;
            if (any && !all) {
                throw new IllegalArgumentException("ntrk.registry.auth needs token-url, client-id and client-secret"
                        + " together");
            }
        }

        public boolean configured() {
            return tokenUrl != null;
        }

        @Override
        public String toString() {
            return "RegistryAuth[" + tokenUrl + ", " + clientId + "]"; // never the secret
        }
    }

    /**
     * @param stateDir where Kafka Streams keeps its local state (one sub-directory per service)
     * @param retryPause pause before a stream thread stopped by an unreachable registry or broker is replaced
     * @param properties further Kafka Streams settings, applied last
     */
    public record Streams(@DefaultValue("data/streams") Path stateDir, @DefaultValue("10s") Duration retryPause,
            Map<String, String> properties) {
    }
}
