package org.ntrklab.sampleqc;

import org.ntrklab.platform.catalogue.ServiceCatalogue;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The sample-qc service: Is there enough tumour and good enough DNA/RNA for each assay? */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties(SampleQcProperties.class)
public class SampleQcApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its port and name from the service catalogue as defaults, below every other
     * source of configuration.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(SampleQcApplication.class)
                .properties(ServiceCatalogue.SAMPLE_QC.defaultProperties());
    }
}
