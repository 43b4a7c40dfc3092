package org.ntrklab.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a free TCP port for a server that must be told its port before it binds. */
public final class FreePorts {

    private FreePorts() {
    }

    public static int find(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    /** A free port other than the ones already chosen for the same server (a closed probe may be offered twice). */
    public static int findOther(String host, int... taken) {
        while (true) {
            int port = find(host);
            if (java.util.Arrays.stream(taken).noneMatch(t -> t == port)) {
                return port;
            }
        }
    }

    /** {@code requested} itself, or a free port when it is 0. */
    public static int orFree(int requested, String host) {
        return requested == 0 ? find(host) : requested;
    }
}
