package org.ntrklab.identity;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded identity provider: an OAuth2 authorization server (OpenID Connect discovery, JWKS, token
 * endpoint) that issues the lab's clients and users JWT access tokens with their roles. On first start in
 * a data directory it generates the signing key and every secret and password there (owner-only files);
 * later starts reuse them, so tokens issued before a restart still verify.
 *
 * <p>Runs as its own Spring application in the caller's JVM, beside the lab's services, and leaves the
 * JVM's shutdown to the caller ({@link #close()}).
 */
public final class IdentityServer implements AutoCloseable {

    /**
     * @param dataDir where the signing key and the credentials are kept (created owner-only)
     * @param host the interface to listen on
     * @param port the HTTP port, 0 for a free one
     * @param issuerHost the host name in the issuer URI: what the services and clients use to reach this server
     * @param deskRedirectUris where the desk's login may return to; empty accepts only a loopback desk
     */
    public record Settings(Path dataDir, String host, int port, String issuerHost, List<String> deskRedirectUris) {

        public Settings {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(host, "host");
            issuerHost = issuerHost == null || issuerHost.isBlank() ? host : issuerHost;
            deskRedirectUris = deskRedirectUris == null ? List.of() : List.copyOf(deskRedirectUris);
        }

        public Settings(Path dataDir, String host, int port, String issuerHost) {
            this(dataDir, host, port, issuerHost, List.of());
        }

        /** Loopback only, on a free port. */
        public static Settings forDirectory(Path dataDir) {
            return new Settings(dataDir, "127.0.0.1", 0, "127.0.0.1");
        }
    }

    private final ConfigurableApplicationContext context;
    private final String issuer;
    private final int port;
    private final LabSecrets secrets;

    private IdentityServer(ConfigurableApplicationContext context, String issuer, int port, LabSecrets secrets) {
        this.context = context;
        this.issuer = issuer;
        this.port = port;
        this.secrets = secrets;
    }

    /** Starts the server; returns once it answers. */
    public static IdentityServer start(Settings settings) {
        try {
            OwnerOnlyFiles.directory(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the identity data directory " + settings.dataDir(), e);
        }
        RSAKey signingKey = SigningKey.loadOrCreate(settings.dataDir());
        LabSecrets secrets = LabSecrets.loadOrCreate(settings.dataDir());
        // The issuer is in every token and must be known before the server starts, so a free port is
        // chosen here rather than by the web server.
        int port = settings.port() != 0 ? settings.port() : freePort(settings.host());
        String issuer = "http://" + hostInUri(settings.issuerHost()) + ":" + port;
        IdentitySetup setup = new IdentitySetup(issuer, signingKey, secrets, settings.deskRedirectUris());

        List<String> args = new ArrayList<>();
        args.add("--server.port=" + port);
        args.add("--server.address=" + settings.host());
        // Nothing from files or the environment: the services' application.yml share this class path.
        args.add("--spring.config.name=ntrk-identity");
        args.add("--spring.config.location=optional:classpath:/ntrk-identity-settings/");
        args.add("--spring.application.name=identity");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IdentityApplication.class)
                .main(IdentityServer.class)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .initializers(c -> c.getBeanFactory().registerSingleton("identitySetup", setup))
                .run(args.toArray(String[]::new));
        return new IdentityServer(context, issuer, port, secrets);
    }

    /** The issuer URI: what a service's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} is set to. */
    public String issuerUri() {
        return issuer;
    }

    /** Where clients post {@code grant_type=client_credentials} for an access token. */
    public String tokenUri() {
        return issuer + "/oauth2/token";
    }

    /** The public signing keys (JWK Set). */
    public String jwkSetUri() {
        return issuer + "/oauth2/jwks";
    }

    public int port() {
        return port;
    }

    /** True when this start generated credentials (first start in the directory): show them to the operator once. */
    public boolean firstStart() {
        return secrets.generatedNow();
    }

    /** Client ids to client secrets and user names to passwords; read-only. */
    public Map<String, String> credentials() {
        return secrets.secrets();
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    private static String hostInUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
