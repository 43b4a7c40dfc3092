package org.ntrklab.platform.serde;

import java.util.Map;

/**
 * How services reach the schema registry.
 *
 * @param url Apicurio core API URL, e.g. {@code http://registry:8080/apis/registry/v3}
 * @param confluentUrl the registry's Confluent-compatible API URL; null to derive it from {@code url}
 * @param autoRegister whether a writer registers its schema on first use (true for our services: the
 *     registry's BACKWARD rule still refuses an incompatible one)
 * @param clientProperties further {@code apicurio.registry.*} client settings, e.g. authentication
 */
public record RegistrySettings(String url, String confluentUrl, boolean autoRegister,
        Map<String, String> clientProperties) {

    private static final String CORE_API = "/apis/registry/v3";
    private static final String CONFLUENT_API = "/apis/ccompat/v7";

    public RegistrySettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("schema registry URL is required (ntrk.registry.url)");
        }
        url = stripTrailingSlash(url);
        if (confluentUrl == null || confluentUrl.isBlank()) {
            if (!url.endsWith(CORE_API)) {
                throw new IllegalArgumentException("ntrk.registry.url " + url + " does not end in " + CORE_API
                        + "; set ntrk.registry.confluent-url to the registry's Confluent-compatible API as well");
            }
            confluentUrl = url.substring(0, url.length() - CORE_API.length()) + CONFLUENT_API;
        }
        confluentUrl = stripTrailingSlash(confluentUrl);
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    }

    /** Apicurio's client settings for an OAuth2 client-credentials sign-in; our own HTTP calls read them too. */
    public static final String TOKEN_URL = "apicurio.registry.auth.service.token.endpoint";
    public static final String CLIENT_ID = "apicurio.registry.auth.client.id";
    public static final String CLIENT_SECRET = "apicurio.registry.auth.client.secret";

    public static RegistrySettings of(String url) {
        return new RegistrySettings(url, null, true, Map.of());
    }

    /** A writer that registers schemas, signed in to the registry with {@code clientProperties}. */
    public static RegistrySettings of(String url, Map<String, String> clientProperties) {
        return new RegistrySettings(url, null, true, clientProperties);
    }

    /** The client settings of a registry client signing in as an OAuth2 client (client-credentials grant). */
    public static Map<String, String> clientCredentials(String tokenUrl, String clientId, String clientSecret) {
        return Map.of(TOKEN_URL, tokenUrl, CLIENT_ID, clientId, CLIENT_SECRET, clientSecret);
    }

    /** The same registry, without registering schemas: for clients that only write with registered ones. */
    public RegistrySettings readOnly() {
        return new RegistrySettings(url, confluentUrl, false, clientProperties);
    }

    @Override
    public String toString() {
        // the client settings may hold a secret: only their names
        return "RegistrySettings[" + url + ", " + confluentUrl + ", autoRegister=" + autoRegister + ", client settings "
                + new java.util.TreeSet<>(clientProperties.keySet()) + "]";
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
