package org.ntrklab.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka client credentials kept in a directory, one file per principal: {@code <principal>.properties}, a
 * Kafka client configuration (security.protocol, sasl.mechanism, sasl.jaas.config) that Kafka's own tools
 * take as {@code --command-config} and a Java client loads with {@link Properties#load}. A password is
 * generated the first time a principal is asked for and kept from then on; the directory and the files are
 * readable by their owner only, as they hold secrets.
 */
public final class KafkaCredentials {

    /** The one SASL mechanism clients use. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final Pattern PRINCIPAL = Pattern.compile("[a-z0-9][a-z0-9.-]{0,99}");
    private static final Pattern PASSWORD = Pattern.compile("password=\"([A-Za-z0-9_-]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final String securityProtocol;
    private final Map<String, String> trust;

    private KafkaCredentials(Path dir, String securityProtocol, Map<String, String> trust) {
        this.dir = dir;
        this.securityProtocol = securityProtocol;
        this.trust = Map.copyOf(trust);
    }

    /**
     * @param dir where the files live; created owner-only when missing
     * @param securityProtocol what the broker's client listener speaks: SASL_PLAINTEXT or SASL_SSL
     */
    public static KafkaCredentials in(Path dir, String securityProtocol) {
        return in(dir, securityProtocol, Map.of());
    }

    /** As {@link #in(Path, String)}, with the ssl.* settings clients need to trust the broker. */
    public static KafkaCredentials in(Path dir, String securityProtocol, Map<String, String> trust) {
        OwnerOnlyFiles.createDirectory(dir);
        return new KafkaCredentials(dir, securityProtocol, trust);
    }

    public Path directory() {
        return dir;
    }

    /** The principal's password, generated and stored now if it has none yet. */
    public synchronized String password(String principal) {
        Path file = file(principal);
        if (Files.exists(file)) {
            return readPassword(file);
        }
        String password = newPassword();
        write(file, principal, password);
        return password;
    }

    /** The principal's client configuration file, created (with a new password) if missing. */
    public synchronized Path clientConfigFile(String principal) {
        String password = password(principal);
        // Rewritten on every call so that a changed listener protocol reaches the file; the password stays.
        write(file(principal), principal, password);
        return file(principal);
    }

    /** The principal's Kafka client settings, without bootstrap.servers. */
    public Map<String, Object> clientProperties(String principal) {
        Map<String, Object> p = clientProperties(principal, password(principal), securityProtocol);
        p.putAll(trust);
        return p;
    }

    /** Kafka client settings for a SCRAM principal. */
    public static Map<String, Object> clientProperties(String principal, String password, String securityProtocol) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("security.protocol", securityProtocol);
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + principal + "\" password=\"" + password + "\";");
        return p;
    }

    /** A random password: 32 bytes, base64url, so it needs no quoting in a JAAS line or a properties file. */
    public static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Path file(String principal) {
        if (!PRINCIPAL.matcher(principal).matches()) {
            throw new IllegalArgumentException("a principal name is lower-case letters, digits, '.' and '-'");
        }
        return dir.resolve(principal + ".properties");
    }

    private void write(Path file, String principal, String password) {
        StringBuilder text = new StringBuilder();
        text.append("# Kafka client settings of principal ").append(principal)
                .append(" (generated; keep this file secret). Add bootstrap.servers.\n");
        Map<String, Object> settings = clientProperties(principal, password, securityProtocol);
        settings.putAll(trust);
        settings.forEach((k, v) -> text.append(k).append('=')
                .append(String.valueOf(v).replace("\\", "\\\\")).append('\n'));
        OwnerOnlyFiles.write(file, text.toString());
    }

    private static String readPassword(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Kafka credentials " + file, e);
        }
        Matcher m = PASSWORD.matcher(p.getProperty("sasl.jaas.config", ""));
        if (!m.find()) {
            throw new IllegalStateException("Kafka credentials " + file + " hold no password; delete the file to "
                    + "generate a new one");
        }
        return m.group(1);
    }
}
