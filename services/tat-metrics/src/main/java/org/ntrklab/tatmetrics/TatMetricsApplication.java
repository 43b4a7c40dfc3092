package org.ntrklab.tatmetrics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The tat-metrics service: How long did each case, test and phase take; what is overdue? */
@SpringBootApplication
public class TatMetricsApplication {

    public static void main(String[] args) {
        SpringApplication.run(TatMetricsApplication.class, args);
    }
}
