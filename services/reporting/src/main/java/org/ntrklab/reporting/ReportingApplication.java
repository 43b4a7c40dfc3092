package org.ntrklab.reporting;

import org.ntrklab.platform.catalogue.ServiceCatalogue;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The reporting service: What is the NTRK fusion status, and what does the report say? */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties(ReportingProperties.class)
public class ReportingApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its port and name from the service catalogue as defaults, below every other
     * source of configuration.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ReportingApplication.class)
                .properties(ServiceCatalogue.REPORTING.defaultProperties());
    }
}
