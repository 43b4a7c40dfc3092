package org.ntrklab.tatmetrics;

import org.ntrklab.platform.catalogue.ServiceCatalogue;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The tat-metrics service: How long did each case/test/phase take; what is overdue? */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties(TatProperties.class)
public class TatMetricsApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its port and name from the service catalogue as defaults, below every other
     * source of configuration.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(TatMetricsApplication.class)
                .properties(ServiceCatalogue.TAT_METRICS.defaultProperties());
    }
}
