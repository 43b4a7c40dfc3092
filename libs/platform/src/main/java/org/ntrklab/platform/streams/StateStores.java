package org.ntrklab.platform.streams;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Helpers for walking a task's key-value store from a punctuator. */
public final class StateStores {

    private StateStores() {
    }

    /**
     * Every entry, copied out and the iterator closed, so that the caller may write to or delete from the
     * store while going through them.
     */
    public static <K, V> List<KeyValue<K, V>> entries(ReadOnlyKeyValueStore<K, V> store) {
        List<KeyValue<K, V>> all = new ArrayList<>();
        try (KeyValueIterator<K, V> it = store.all()) {
            it.forEachRemaining(all::add);
        }
        return all;
    }
}
