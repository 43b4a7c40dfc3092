package org.ntrklab.sampleqc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The sample-qc service: Is there enough tumour and good enough DNA/RNA for each assay? */
@SpringBootApplication
public class SampleQcApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleQcApplication.class, args);
    }
}
