package org.ntrklab.platform.serde;

import java.util.Map;

/**
 * How services reach the schema registry.
 *
 * @param url Apicurio core API URL, e.g. {@code http://registry:8080/apis/registry/v3}
 * @param autoRegister whether a writer registers its schema on first use (true for our services: the
 *     registry's BACKWARD rule still refuses an incompatible one)
 * @param clientProperties further {@code apicurio.registry.*} client settings, e.g. authentication
 */
public record RegistrySettings(String url, boolean autoRegister, Map<String, String> clientProperties) {

    public RegistrySettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("schema registry URL is required (ntrk.registry.url)");
        }
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    }

    public static RegistrySettings of(String url) {
        return new RegistrySettings(url, true, Map.of());
    }
}
