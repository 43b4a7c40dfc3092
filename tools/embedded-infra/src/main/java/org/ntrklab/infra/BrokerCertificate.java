package org.ntrklab.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The broker's TLS certificate when it listens beyond loopback and the lab supplied none: a self-signed
 * certificate for the advertised host, made once with the JDK's keytool and kept in the data directory
 * (owner-only), with its certificate in PEM for clients to trust.
 */
public final class BrokerCertificate {

    static final String KEYSTORE = "kafka-broker.p12";
    static final String PASSWORD_FILE = "kafka-broker.p12.password";
    /** What clients trust: the broker's certificate, PEM. */
    public static final String CERTIFICATE = "kafka-broker.pem";

    private BrokerCertificate() {
    }

    /** The key store in {@code dir}, generated on first use for {@code hostName}. */
    public static KafkaBroker.TlsKeyStore generatedIn(Path dir, String hostName) {
        OwnerOnlyFiles.createDirectory(dir);
        Path keystore = dir.resolve(KEYSTORE);
        Path passwordFile = dir.resolve(PASSWORD_FILE);
        try {
            if (Files.exists(keystore) && Files.exists(passwordFile) && Files.exists(dir.resolve(CERTIFICATE))) {
                return new KafkaBroker.TlsKeyStore(keystore, Files.readString(passwordFile).strip(),
                        dir.resolve(CERTIFICATE));
            }
            Files.deleteIfExists(keystore);
            String password = KafkaCredentials.newPassword();
            OwnerOnlyFiles.write(passwordFile, password);
            List<String> names = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1"));
            names.add(isAddress(hostName) ? "ip:" + hostName : "dns:" + hostName);
            keytool("-genkeypair", "-alias", "kafka-broker", "-keyalg", "RSA", "-keysize", "3072",
                    "-validity", "825", "-dname", "CN=" + hostName + ", O=NTRK Lab Workflow lab stack",
                    "-ext", "SAN=" + String.join(",", names), "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass:file", passwordFile.toString(), "-keypass:file",
                    passwordFile.toString());
            keytool("-exportcert", "-rfc", "-alias", "kafka-broker", "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass:file", passwordFile.toString(), "-file",
                    dir.resolve(CERTIFICATE).toString());
            Files.setPosixFilePermissions(keystore, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return new KafkaBroker.TlsKeyStore(keystore, password, dir.resolve(CERTIFICATE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the broker's TLS certificate in " + dir, e);
        }
    }

    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
