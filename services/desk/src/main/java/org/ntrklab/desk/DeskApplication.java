package org.ntrklab.desk;

import java.util.Properties;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.core.io.ClassPathResource;

/** The pathologist's sign-out desk: a web application over the services' REST APIs, signed in as the person. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DeskApplication {

    /** The desk's defaults, below every other source of configuration. */
    static final String DEFAULTS = "ntrk-desk-defaults.yml";

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The desk's application with its defaults: its client registration, port and session settings hold
     * wherever it runs (its own jar, the lab stack, a test), whatever configuration files those read.
     */
    public static SpringApplicationBuilder builder() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(DEFAULTS));
        Properties defaults = yaml.getObject();
        return new SpringApplicationBuilder(DeskApplication.class).properties(defaults);
    }
}
