package org.ntrklab.platform.query;

/** The instance holding the state did not answer, or answered something unreadable: the web layer answers 502. */
public final class StateUnreachable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateUnreachable(String why) {
        super(why, null, false, false);
    }

    public StateUnreachable(String why, Throwable cause) {
        super(why, cause, false, false);
    }
}
