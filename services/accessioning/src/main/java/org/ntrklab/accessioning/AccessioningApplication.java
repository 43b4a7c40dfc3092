package org.ntrklab.accessioning;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The accessioning service: Is this specimen acceptable, and what is its lab accession? */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties(AccessioningProperties.class)
public class AccessioningApplication {

    public static void main(String[] args) {
        SpringApplication.run(AccessioningApplication.class, args);
    }
}
