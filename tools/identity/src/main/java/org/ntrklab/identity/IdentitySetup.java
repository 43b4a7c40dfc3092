package org.ntrklab.identity;

import com.nimbusds.jose.jwk.RSAKey;
import java.util.List;

/**
 * What the facade hands the authorization server's application context: nothing is read from
 * configuration files or the environment, so that the server runs the same in any JVM it shares.
 *
 * @param issuer the {@code iss} of every token, and where discovery says the endpoints are
 * @param deskRedirectUris where the desk's login may return to; empty for a loopback default
 */
record IdentitySetup(String issuer, RSAKey signingKey, LabSecrets secrets, List<String> deskRedirectUris) {

    IdentitySetup {
        deskRedirectUris = List.copyOf(deskRedirectUris);
    }
}
