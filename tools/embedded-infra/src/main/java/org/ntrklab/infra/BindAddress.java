package org.ntrklab.infra;

import java.io.IOException;
import java.net.InetAddress;

/** What an address a server binds to means for who can reach it. */
public final class BindAddress {

    private BindAddress() {
    }

    /** Whether clients on other machines can reach a server bound to this address (unresolvable counts as yes). */
    public static boolean beyondLoopback(String bindHost) {
        try {
            return !InetAddress.getByName(bindHost).isLoopbackAddress();
        } catch (IOException e) {
            return true;
        }
    }
}
