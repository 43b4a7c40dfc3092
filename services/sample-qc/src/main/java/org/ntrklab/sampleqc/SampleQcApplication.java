package org.ntrklab.sampleqc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The sample-qc service: Is there enough tumour and good enough DNA/RNA for each assay? */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties(SampleQcProperties.class)
public class SampleQcApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleQcApplication.class, args);
    }
}
