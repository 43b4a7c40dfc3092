package org.ntrklab.assaytracking;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The assay-tracking service: Where is every assay of every case, and what did it find? */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties(AssayTrackingProperties.class)
public class AssayTrackingApplication {

    public static void main(String[] args) {
        SpringApplication.run(AssayTrackingApplication.class, args);
    }
}
