package org.ntrklab.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Date;
import java.util.UUID;

/**
 * The RSA key that signs every access token, kept as a JWK in the data directory: tokens issued before a
 * restart still verify after it, and the services' cached key sets stay valid.
 */
final class SigningKey {

    static final String FILE_NAME = "signing-key.jwk.json";

    private SigningKey() {
    }

    /** The key in {@code dataDir}, generated and stored now if there is none. */
    static RSAKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return parse(file);
            }
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .issueTime(new Date())
                    .generate();
            OwnerOnlyFiles.write(file, key.toJSONString());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the token signing key in " + file, e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a token signing key", e);
        }
    }

    private static RSAKey parse(Path file) throws IOException {
        try {
            RSAKey key = RSAKey.parse(OwnerOnlyFiles.read(file));
            if (!key.isPrivate()) {
                throw new IllegalStateException(file + " holds no private key: tokens cannot be signed with it");
            }
            return key;
        } catch (ParseException e) {
            // Never replaced silently: a new key would invalidate every token and every cached key set.
            throw new IllegalStateException(file + " is not an RSA JWK; restore it from a backup or remove it "
                    + "to generate a new key (every token issued so far then stops verifying)", e);
        }
    }
}
