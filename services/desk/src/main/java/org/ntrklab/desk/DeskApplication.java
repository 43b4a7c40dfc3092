package org.ntrklab.desk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The pathologist's sign-out desk: a web application over the services' REST APIs, signed in as the person. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeskApplication.class, args);
    }
}
