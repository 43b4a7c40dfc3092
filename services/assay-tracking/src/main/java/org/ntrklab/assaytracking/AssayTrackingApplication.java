package org.ntrklab.assaytracking;

import org.ntrklab.platform.catalogue.ServiceCatalogue;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The assay-tracking service: Where is every assay of every case, and what did it find? */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties(AssayTrackingProperties.class)
public class AssayTrackingApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its port and name from the service catalogue as defaults, below every other
     * source of configuration.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AssayTrackingApplication.class)
                .properties(ServiceCatalogue.ASSAY_TRACKING.defaultProperties());
    }
}
