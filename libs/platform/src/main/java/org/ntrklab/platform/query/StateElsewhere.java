package org.ntrklab.platform.query;

/**
 * Another instance of the service holds the state asked for: the web layer answers by forwarding the same
 * request to it ({@code host:port}, its {@code application.server}).
 */
public final class StateElsewhere extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;

    public StateElsewhere(String host, int port) {
        super("the state is held by the instance at " + host + ":" + port, null, false, false);
        this.host = host;
        this.port = port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
