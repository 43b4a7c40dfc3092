package org.ntrklab.reflex;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The reflex service: Which test comes next, by which published rule? */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties(ReflexProperties.class)
public class ReflexApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReflexApplication.class, args);
    }
}
