package org.ntrklab.simulator.feed;

import java.net.URI;

/**
 * How the simulated pathologist reaches the reporting service: its REST API and the identity provider that
 * issues the pathologist's access token (OAuth2 client credentials; the lab stack's demo pathologist is a
 * client of the stack's own authorization server).
 *
 * @param reportingUrl reporting's base URL, e.g. {@code http://localhost:8185}
 * @param tokenUrl the identity provider's token endpoint
 * @param clientId the pathologist's client id
 * @param clientSecret its secret
 */
public record PathologistSignIn(URI reportingUrl, URI tokenUrl, String clientId, String clientSecret) {

    public PathologistSignIn {
        if (reportingUrl == null || tokenUrl == null || clientId == null || clientSecret == null) {
            throw new IllegalArgumentException("the pathologist needs reporting's URL, the token URL, a client id and"
                    + " its secret");
        }
    }

    @Override
    public String toString() {
        // never the secret
        return "PathologistSignIn[" + reportingUrl + ", " + tokenUrl + ", " + clientId + "]";
    }
}
