package org.ntrklab.assaytracking;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The assay-tracking service: Where is every assay of every case, and what did it find? */
@SpringBootApplication
public class AssayTrackingApplication {

    public static void main(String[] args) {
        SpringApplication.run(AssayTrackingApplication.class, args);
    }
}
