package org.ntrklab.tatmetrics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The tat-metrics service: How long did each case/test/phase take; what is overdue? */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties(TatProperties.class)
public class TatMetricsApplication {

    public static void main(String[] args) {
        SpringApplication.run(TatMetricsApplication.class, args);
    }
}
