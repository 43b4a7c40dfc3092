package org.ntrklab.platform.spring;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.streams.StreamsDefaults;
import org.ntrklab.platform.topics.TopicProvisioner;
import org.ntrklab.platform.topics.Topics;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;

/**
 * Wires the platform into every service: the topic catalogue, the registry serdes, topic creation at
 * start-up and the exactly-once Kafka Streams configuration that {@code @EnableKafkaStreams} picks up.
 * Kafka client and Streams metrics reach {@code /actuator/prometheus} through Spring Boot's Kafka
 * metrics auto-configuration.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(NtrkProperties.class)
@PropertySource("classpath:ntrk-platform-defaults.properties")
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Topics topics(NtrkProperties properties) {
        NtrkProperties.Topics t = properties.topics();
        return new Topics(t.prefix(), t.partitions(), t.replicationFactor());
    }

    @Bean
    @ConditionalOnMissingBean
    EventSerdes eventSerdes(NtrkProperties properties) {
        NtrkProperties.Registry r = properties.registry();
        return new EventSerdes(new RegistrySettings(r.url(), r.autoRegister(), r.properties()));
    }

    /** Creates missing topics before any consumer or Streams instance starts (those start later, as lifecycle beans). */
    @Bean
    @ConditionalOnProperty(name = "ntrk.topics.create", havingValue = "true", matchIfMissing = true)
    SmartInitializingSingleton topicProvisioning(Topics topics, KafkaProperties kafkaProperties) {
        return () -> {
            try (Admin admin = Admin.create(kafkaProperties.buildAdminProperties())) {
                TopicProvisioner.provision(admin, topics);
            }
        };
    }

    @Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
    @ConditionalOnClass(name = "org.apache.kafka.streams.StreamsBuilder")
    @ConditionalOnMissingBean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
    KafkaStreamsConfiguration defaultKafkaStreamsConfig(NtrkProperties properties, KafkaProperties kafkaProperties) {
        // Spring Boot's spring.kafka.* (bootstrap servers, security, spring.kafka.streams.properties.*) and
        // ntrk.streams.properties.* override our defaults; the service name is the application id.
        Map<String, Object> overrides = new HashMap<>(kafkaProperties.buildStreamsProperties());
        overrides.values().removeIf(java.util.Objects::isNull);
        if (properties.streams().properties() != null) {
            overrides.putAll(properties.streams().properties());
        }
        Object bootstrap = overrides.remove("bootstrap.servers");
        String bootstrapServers = bootstrap instanceof java.util.List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(bootstrap);
        Map<String, Object> config = StreamsDefaults.properties(properties.serviceName(), bootstrapServers,
                properties.streams().stateDir().resolve(properties.serviceName()),
                properties.topics().replicationFactor(), overrides);
        return new KafkaStreamsConfiguration(config);
    }
}
