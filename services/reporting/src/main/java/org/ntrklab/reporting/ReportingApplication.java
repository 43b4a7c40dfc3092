package org.ntrklab.reporting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The reporting service: What is the NTRK fusion status, and what does the report say? */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties(ReportingProperties.class)
public class ReportingApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReportingApplication.class, args);
    }
}
