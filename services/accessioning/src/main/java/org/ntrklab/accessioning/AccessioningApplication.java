package org.ntrklab.accessioning;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The accessioning service: Is this specimen acceptable, and what is its lab accession? */
@SpringBootApplication
public class AccessioningApplication {

    public static void main(String[] args) {
        SpringApplication.run(AccessioningApplication.class, args);
    }
}
