package org.ntrklab.accessioning;

import org.ntrklab.platform.catalogue.ServiceCatalogue;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The accessioning service: Is this specimen acceptable, and what is its lab accession? */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties(AccessioningProperties.class)
public class AccessioningApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its port and name from the service catalogue as defaults, below every other
     * source of configuration.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AccessioningApplication.class)
                .properties(ServiceCatalogue.ACCESSIONING.defaultProperties());
    }
}
