package org.ntrklab.platform.spring;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsConfig;
import org.ntrklab.platform.deadletter.DeadLetterPublisher;
import org.ntrklab.platform.query.StateQueries;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.serde.SchemaCatalogueRegistrar;
import org.ntrklab.platform.streams.StreamsDefaults;
import org.ntrklab.platform.streams.StreamsFailurePolicy;
import org.ntrklab.platform.topics.TopicProvisioner;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.platform.web.StateForwarding;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Wires the platform into every service: the topic catalogue, the registry serdes, topic creation and
 * schema registration at start-up, and the exactly-once Kafka Streams configuration that
 * {@code @EnableKafkaStreams} picks up, with its failure policy and health. Kafka client and Streams
 * metrics reach {@code /actuator/prometheus} through Spring Boot's Kafka metrics auto-configuration.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(NtrkProperties.class)
@PropertySource("classpath:ntrk-platform-defaults.properties")
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Topics topics(NtrkProperties properties) {
        NtrkProperties.Topics t = properties.topics();
        return new Topics(t.prefix(), t.partitions(), t.replicationFactor(), t.retentionMs(), t.deadLetterRetentionMs());
    }

    @Bean
    @ConditionalOnMissingBean
    RegistrySettings registrySettings(NtrkProperties properties) {
        NtrkProperties.Registry r = properties.registry();
        Map<String, String> client = new HashMap<>(r.properties() == null ? Map.of() : r.properties());
        if (r.auth().configured()) {
            client.putAll(RegistrySettings.clientCredentials(r.auth().tokenUrl(), r.auth().clientId(),
                    r.auth().clientSecret()));
        }
        return new RegistrySettings(r.url(), r.confluentUrl(), r.autoRegister(), client);
    }

    @Bean
    @ConditionalOnMissingBean
    EventSerdes eventSerdes(RegistrySettings registrySettings) {
        return new EventSerdes(registrySettings);
    }

    @Bean(name = "schemaRegistryHealthIndicator")
    SchemaRegistryHealthIndicator schemaRegistryHealthIndicator(EventSerdes serdes) {
        return new SchemaRegistryHealthIndicator(serdes.schemaDirectory());
    }

    /**
     * Creates missing topics (the catalogue's, their dead-letter topics and the service's own) and
     * registers the catalogue's schemas before any consumer or Streams instance starts: those start later,
     * as lifecycle beans.
     */
    @Bean
    SmartInitializingSingleton topicsAndSchemasAtStartup(NtrkProperties properties, Topics topics,
            RegistrySettings registrySettings, KafkaProperties kafkaProperties, KafkaConnectionDetails connection) {
        return () -> {
            Map<String, Object> adminConfig = new HashMap<>(kafkaProperties.buildAdminProperties());
            adminConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                    String.join(",", connection.getAdmin().getBootstrapServers()));
            List<NewTopic> wanted = new ArrayList<>(topics.newTopics());
            wanted.add(topics.newServiceDeadLetterTopic(properties.serviceName()));
            try (Admin admin = Admin.create(adminConfig)) {
                if (properties.topics().create()) {
                    TopicProvisioner.provision(admin, wanted);
                } else {
                    TopicProvisioner.verify(admin, wanted);
                }
            }
            if (properties.registry().registerSchemas()) {
                new SchemaCatalogueRegistrar(registrySettings).registerAll(topics);
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.kafka.streams.StreamsBuilder")
    static class StreamsWiring {

        @Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
        @ConditionalOnMissingBean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
        KafkaStreamsConfiguration defaultKafkaStreamsConfig(NtrkProperties properties, KafkaProperties kafkaProperties,
                KafkaConnectionDetails connection, ObjectProvider<MeterRegistry> meters) {
            // Spring Boot's spring.kafka.* (security, spring.kafka.streams.properties.*) and
            // ntrk.streams.properties.* override our defaults; the service name is the application id.
            Map<String, Object> overrides = new HashMap<>(kafkaProperties.buildStreamsProperties());
            overrides.values().removeIf(Objects::isNull);
            overrides.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
            if (properties.streams().properties() != null) {
                overrides.putAll(properties.streams().properties());
            }
            Map<String, Object> config = StreamsDefaults.properties(properties.serviceName(),
                    String.join(",", connection.getStreams().getBootstrapServers()),
                    properties.streams().stateDir().resolve(properties.serviceName()),
                    properties.topics().replicationFactor(), overrides);
            // The dead-letter handlers count in this service's registry (see DeadLetterPublisher).
            meters.ifAvailable(m -> config.put(DeadLetterPublisher.METER_REGISTRY_CONFIG, m));
            return new KafkaStreamsConfiguration(config);
        }

        @Bean
        StreamsBuilderFactoryBeanConfigurer streamsFailurePolicy(NtrkProperties properties) {
            return factoryBean -> factoryBean.setStreamsUncaughtExceptionHandler(
                    new StreamsFailurePolicy(properties.streams().retryPause()));
        }

        /** Forwards a state lookup to the instance that holds the state, and answers a lookup's failures. */
        @Bean
        @ConditionalOnMissingBean
        StateForwarding stateForwarding() {
            return new StateForwarding();
        }

        @Bean
        @ConditionalOnMissingBean
        StateQueries stateQueries(ObjectProvider<StreamsBuilderFactoryBean> factoryBean, Topics topics,
                StateForwarding forwarding) {
            return new StateQueries(() -> {
                StreamsBuilderFactoryBean streams = factoryBean.getIfAvailable();
                return streams == null ? null : streams.getKafkaStreams();
            }, () -> {
                StreamsBuilderFactoryBean streams = factoryBean.getIfAvailable();
                Object server = streams == null || streams.getStreamsConfiguration() == null ? null
                        : streams.getStreamsConfiguration().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
                return server == null ? null : server.toString();
            }, topics.partitions(), forwarding);
        }

        @Bean(name = "kafkaStreamsHealthIndicator")
        KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(ObjectProvider<StreamsBuilderFactoryBean> factoryBean) {
            return new KafkaStreamsHealthIndicator(factoryBean);
        }
    }
}
