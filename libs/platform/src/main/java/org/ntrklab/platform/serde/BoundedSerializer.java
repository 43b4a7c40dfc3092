package org.ntrklab.platform.serde;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serializer that refuses, with {@link OversizedRecord}, any record whose bytes exceed the record size
 * limit, so it is never handed to the producer. The last line of defence: services check their outputs'
 * size before writing them (see {@code Outputs}).
 */
final class BoundedSerializer<V> implements Serializer<V> {

    private final Serializer<V> delegate;
    private final int maxBytes;

    BoundedSerializer(Serializer<V> delegate, int maxBytes) {
        this.delegate = delegate;
        this.maxBytes = maxBytes;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // configured when built: a client's own configuration holds no registry settings
    }

    @Override
    public byte[] serialize(String topic, V data) {
        return bounded(topic, delegate.serialize(topic, data));
    }

    @Override
    public byte[] serialize(String topic, Headers headers, V data) {
        return bounded(topic, delegate.serialize(topic, headers, data));
    }

    private byte[] bounded(String topic, byte[] bytes) {
        if (bytes != null && bytes.length > maxBytes) {
            throw new OversizedRecord("a record of " + bytes.length + " bytes for " + topic + " exceeds the limit of "
                    + maxBytes + " bytes");
        }
        return bytes;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
