package org.ntrklab.platform.query;

/**
 * The state cannot be read just now (Kafka Streams not running, starting or rebalancing, or this instance
 * cannot tell where an entry is): the web layer answers 503, and a client retries.
 */
public final class StateUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateUnavailable(String why) {
        super(why + "; retry shortly", null, false, false);
    }
}
