package org.ntrklab.platform.deadletter;

import com.microsoft.kiota.ApiException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a bad record from a bad moment. A record that cannot be read because of what it is (random
 * bytes, an unknown schema id, a payload its schema cannot describe) goes to the dead-letter topic. A
 * record that cannot be read because the schema registry or the broker is unreachable right now is
 * perfectly good: dead-lettering it would break the per-case order and force a manual replay, so the
 * service must instead stop processing and retry it.
 */
public final class FailureClassifier {

    private static final int MAX_CAUSE_DEPTH = 25;

    private FailureClassifier() {
    }

    /**
     * The exception classes of a failure and its causes, e.g. {@code StreamsException <- ConnectException}:
     * enough to diagnose, and unlike messages never quotes record content, so it is safe to log.
     */
    public static String causeChain(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            sb.append(depth == 0 ? "" : " <- ").append(t.getClass().getName());
        }
        return sb.toString();
    }

    /** True when the failure is the infrastructure's, not the record's, and retrying later will succeed. */
    public static boolean isTransient(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof SocketTimeoutException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
                    || t instanceof ClosedChannelException
                    || t instanceof InterruptedIOException
                    || t instanceof TimeoutException
                    || t instanceof RetriableException) {
                return true;
            }
            if (t instanceof ApiException api) {
                int status = api.getResponseStatusCode();
                // 404 (unknown schema id) is the record's problem; server errors and throttling are not.
                return status >= 500 || status == 429 || status == 0 && api.getCause() != null && isTransient(api.getCause());
            }
            if (t.getClass().getName().startsWith("io.netty.channel.") && t.getClass().getSimpleName().contains("Connect")) {
                return true;
            }
        }
        return false;
    }
}
