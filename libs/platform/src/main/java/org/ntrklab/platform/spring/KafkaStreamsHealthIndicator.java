package org.ntrklab.platform.spring;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Reports the service DOWN once its Kafka Streams client has stopped for good (ERROR, or NOT_RUNNING
 * after having run), so an orchestrator restarts it instead of leaving a live process that processes
 * nothing. Starting and rebalancing count as UP: they are normal and pass on their own.
 */
class KafkaStreamsHealthIndicator implements HealthIndicator {

    private final ObjectProvider<StreamsBuilderFactoryBean> factoryBeans;

    KafkaStreamsHealthIndicator(ObjectProvider<StreamsBuilderFactoryBean> factoryBeans) {
        this.factoryBeans = factoryBeans;
    }

    @Override
    public Health health() {
        StreamsBuilderFactoryBean factoryBean = factoryBeans.getIfAvailable();
        if (factoryBean == null) {
            // a service without Kafka Streams: nothing to report, and UNKNOWN does not change the overall status
            return Health.unknown().withDetail("state", "NOT_USED").build();
        }
        KafkaStreams streams = factoryBean.getKafkaStreams();
        if (streams == null) {
            return factoryBean.isAutoStartup() ? Health.unknown().withDetail("state", "NOT_CREATED").build()
                    : Health.up().withDetail("state", "NOT_STARTED").build();
        }
        KafkaStreams.State state = streams.state();
        Health.Builder health = switch (state) {
            case ERROR, PENDING_ERROR -> Health.down();
            case NOT_RUNNING, PENDING_SHUTDOWN -> factoryBean.isRunning() ? Health.down() : Health.outOfService();
            default -> Health.up();
        };
        return health.withDetail("state", state.name())
                .withDetail("threads", streams.metadataForLocalThreads().size())
                .build();
    }
}
