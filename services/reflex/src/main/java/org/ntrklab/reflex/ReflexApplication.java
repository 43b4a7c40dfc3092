package org.ntrklab.reflex;

import org.ntrklab.platform.catalogue.ServiceCatalogue;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The reflex service: Which test comes next, by which published rule? */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties(ReflexProperties.class)
public class ReflexApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its port and name from the service catalogue as defaults, below every other
     * source of configuration.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ReflexApplication.class)
                .properties(ServiceCatalogue.REFLEX.defaultProperties());
    }
}
