package org.ntrklab.reflex;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The reflex service: Which test comes next, by which published rule? */
@SpringBootApplication
public class ReflexApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReflexApplication.class, args);
    }
}
