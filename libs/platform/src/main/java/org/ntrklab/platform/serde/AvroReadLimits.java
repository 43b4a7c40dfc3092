package org.ntrklab.platform.serde;

import java.lang.reflect.Method;
import org.apache.avro.SystemLimitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the lengths Avro's decoder believes before it allocates. A string, byte or list length is read from
 * the record itself, and Avro allocates that much before finding that the record is far shorter: ten
 * hostile bytes claiming a 2 GB string would exhaust the heap. No record on a Kafka topic is larger than the
 * broker's limit (1 MB by default), so no honest length exceeds {@link #MAX_LENGTH}. Set JVM-wide through
 * Avro's own system properties, unless the operator has set them.
 */
final class AvroReadLimits {

    private static final Logger log = LoggerFactory.getLogger(AvroReadLimits.class);
    /** Longest string or byte array, and most list or map items, any single record may claim: 8 MiB. */
    static final int MAX_LENGTH = 8 * 1024 * 1024;
    private static volatile boolean applied;

    private AvroReadLimits() {
    }

    static synchronized void apply() {
        if (applied) {
            return;
        }
        setUnlessSet(SystemLimitException.MAX_STRING_LENGTH_PROPERTY);
        setUnlessSet(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY);
        setUnlessSet(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY);
        try {
            // Avro reads the properties once, when the class loads; make it read them again in case it has loaded.
            Method reset = SystemLimitException.class.getDeclaredMethod("resetLimits");
            reset.setAccessible(true);
            reset.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Could not apply Avro's read limits ({}); start the JVM with -D{}={}", e.getClass().getSimpleName(),
                    SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_LENGTH);
        }
        applied = true;
    }

    private static void setUnlessSet(String property) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, String.valueOf(MAX_LENGTH));
        }
    }
}
