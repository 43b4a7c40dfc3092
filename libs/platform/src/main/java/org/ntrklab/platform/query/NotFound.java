package org.ntrklab.platform.query;

/**
 * Nothing is known of what was asked for: the web layer answers 404 with {@code {"error": message}}. The
 * message says what was not found and never echoes other data.
 */
public final class NotFound extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
        super(message, null, false, false);
    }
}
