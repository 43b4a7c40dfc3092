package org.ntrklab.platform.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Kafka Streams key-value store (string keys, values {@code S}), read for the web layer. A lookup reads
 * this instance's own state when it holds the entry, or when the request came from another instance (which
 * is then answered from here, never sent on again). When another instance holds the entry it throws
 * {@link StateElsewhere}, naming that instance; when the state cannot be read just now, {@link StateUnavailable}.
 * Create one with {@link StateQueries#store}.
 */
public final class StateLookup<S> {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final StateQueries queries;
    private final String store;
    private final String sourceTopic;

    StateLookup(StateQueries queries, String store, String sourceTopic) {
        this.queries = queries;
        this.store = store;
        this.sourceTopic = sourceTopic;
    }

    /** The entry of a key, found through the key's default partitioning. */
    public Optional<S> byKey(String key) {
        KafkaStreams kafkaStreams = queries.running();
        Optional<HostInfo> self = queries.self();
        if (self.isEmpty()) {
            return read(kafkaStreams, key, null);
        }
        KeyQueryMetadata meta = keyOwner(kafkaStreams, key);
        return answer(kafkaStreams, key, meta.partition(), meta.activeHost(), self.get());
    }

    /**
     * The entry of a key in the given partition of the store's source topic, for keys that name their
     * partition themselves (e.g. an accession number).
     */
    public Optional<S> byPartition(int partition, String key) {
        String topic = sourceTopic();
        KafkaStreams kafkaStreams = queries.running();
        Optional<HostInfo> self = queries.self();
        if (self.isEmpty()) {
            return read(kafkaStreams, key, partition);
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        HostInfo owner = kafkaStreams.metadataForAllStreamsClients().stream()
                .filter(m -> m.topicPartitions().contains(tp))
                .map(StreamsMetadata::hostInfo)
                .findFirst()
                .orElseThrow(() -> new StateUnavailable("partition " + partition + " of " + topic
                        + " has no owner yet (the service is starting or rebalancing)"));
        return answer(kafkaStreams, key, partition, owner, self.get());
    }

    private Optional<S> answer(KafkaStreams kafkaStreams, String key, int partition, HostInfo owner, HostInfo self) {
        boolean local = owner == null || owner.equals(HostInfo.unavailable()) || owner.equals(self);
        if (!local && !queries.peers().askedByPeer()) {
            throw new StateElsewhere(owner.host(), owner.port());
        }
        return read(kafkaStreams, key, partition);
    }

    /**
     * One entry's view, wherever it lives, for answers that need it as an object (several keys combined, a
     * command checked against the state): read here when this instance holds the key, else fetched as JSON
     * from the owner's {@code remotePath}, which must answer with the same view for the same key (or 404).
     */
    public <R> Optional<R> fetch(String key, String remotePath, Function<? super S, Optional<R>> view, Class<R> type) {
        KafkaStreams kafkaStreams = queries.running();
        Optional<HostInfo> self = queries.self();
        if (self.isEmpty()) {
            return read(kafkaStreams, key, null).flatMap(view);
        }
        KeyQueryMetadata meta = keyOwner(kafkaStreams, key);
        HostInfo owner = meta.activeHost();
        if (owner == null || owner.equals(HostInfo.unavailable())) {
            throw new StateUnavailable("the owner of " + key
                    + " is not known yet (the service is starting or rebalancing)");
        }
        if (owner.equals(self.get())) {
            return read(kafkaStreams, key, meta.partition()).flatMap(view);
        }
        StateQueries.Answer remote = queries.peers().get(owner.host(), owner.port(), remotePath);
        if (remote.status() == 404) {
            return Optional.empty();
        }
        if (remote.status() == 503) {
            throw new StateUnavailable("the instance owning " + key + " is not ready");
        }
        if (remote.status() / 100 != 2 || remote.body() == null) {
            throw new StateUnreachable("the instance owning " + key + " answered " + remote.status());
        }
        try {
            return Optional.of(JSON.readValue(remote.body(), type));
        } catch (JacksonException e) {
            throw new StateUnreachable("the instance owning " + key + " answered unreadable JSON: "
                    + e.getOriginalMessage());
        }
    }

    /**
     * Every entry whose view is present, from all instances: this instance's own partitions read here, every
     * other instance's fetched from its {@code remotePath} (which must answer a forwarded request with its own
     * entries only, as this method does). Throws {@link StateUnavailable} rather than give a partial list while
     * some partition of the source topic has no instance, or when partitions move while the list is read.
     */
    public <R> List<R> gather(String remotePath, Function<? super S, Optional<R>> view, Class<R[]> arrayType) {
        String topic = sourceTopic();
        KafkaStreams kafkaStreams = queries.running();
        // Read against one assignment: if partitions move while the entries are read, answer 503, never a list
        // with some entries missed or counted twice.
        Collection<StreamsMetadata> before = kafkaStreams.metadataForAllStreamsClients();
        List<R> found = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, S> kv = kafkaStreams.store(StoreQueryParameters
                    .fromNameAndType(store, QueryableStoreTypes.<String, S>keyValueStore()));
            try (KeyValueIterator<String, S> all = kv.all()) {
                all.forEachRemaining(entry -> view.apply(entry.value).ifPresent(found::add));
            }
        } catch (InvalidStateStoreException e) {
            throw new StateUnavailable("the state is not queryable here right now: " + e.getMessage());
        }
        if (queries.peers().askedByPeer()) {
            return found;
        }
        Optional<HostInfo> self = queries.self();
        if (self.isEmpty()) {
            if (!queries.holdsEveryPartition(kafkaStreams)) {
                throw new StateUnavailable("this instance holds only part of the state: set"
                        + " ntrk.streams.properties.application.server on every instance");
            }
            return found;
        }
        Set<Integer> covered = new HashSet<>();
        for (StreamsMetadata instance : kafkaStreams.metadataForAllStreamsClients()) {
            instance.topicPartitions().stream().filter(tp -> tp.topic().equals(topic))
                    .forEach(tp -> covered.add(tp.partition()));
            if (instance.hostInfo().equals(self.get()) || !instance.stateStoreNames().contains(store)) {
                continue;
            }
            String at = instance.hostInfo().host() + ":" + instance.hostInfo().port();
            StateQueries.Answer remote = queries.peers().get(instance.hostInfo().host(), instance.hostInfo().port(),
                    remotePath);
            if (remote.status() / 100 != 2 || remote.body() == null) {
                throw new StateUnavailable("the instance at " + at + " answered " + remote.status());
            }
            try {
                R[] remoteEntries = JSON.readValue(remote.body(), arrayType);
                if (remoteEntries != null) {
                    Arrays.stream(remoteEntries).filter(Objects::nonNull).forEach(found::add);
                }
            } catch (JacksonException e) {
                throw new StateUnreachable("the instance at " + at + " answered unreadable JSON");
            }
        }
        if (covered.size() < queries.partitions()) {
            throw new StateUnavailable("some partitions of " + topic + " have no instance yet (starting or rebalancing)");
        }
        if (!new HashSet<>(before).equals(new HashSet<>(kafkaStreams.metadataForAllStreamsClients()))) {
            throw new StateUnavailable("the partitions moved between instances while the list was read");
        }
        return found.stream().distinct().toList();
    }

    private KeyQueryMetadata keyOwner(KafkaStreams kafkaStreams, String key) {
        KeyQueryMetadata meta = kafkaStreams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new StateUnavailable("the owner of this record is not known yet (the service is starting or rebalancing)");
        }
        return meta;
    }

    /**
     * This instance's value for the key, from one partition's store or (partition null) from all it holds.
     * Without {@code application.server} the service runs as a single instance, which holds every partition.
     */
    private Optional<S> read(KafkaStreams kafkaStreams, String key, Integer partition) {
        S value;
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, S>> parameters = StoreQueryParameters
                    .fromNameAndType(store, QueryableStoreTypes.<String, S>keyValueStore());
            ReadOnlyKeyValueStore<String, S> kv = kafkaStreams.store(
                    partition == null ? parameters : parameters.withPartition(partition));
            value = kv.get(key);
        } catch (InvalidStateStoreException e) {
            throw new StateUnavailable("the state" + (partition == null ? "" : " of partition " + partition)
                    + " is not queryable here right now: " + e.getMessage());
        }
        if (value == null && partition == null && !queries.holdsEveryPartition(kafkaStreams)) {
            throw new StateUnavailable("this instance holds only part of the state and cannot tell which instance"
                    + " holds this record: set ntrk.streams.properties.application.server on every instance");
        }
        return Optional.ofNullable(value);
    }

    private String sourceTopic() {
        if (sourceTopic == null) {
            throw new IllegalStateException("store " + store + " was looked up without its source topic:"
                    + " use StateQueries.store(store, sourceTopic)");
        }
        return sourceTopic;
    }
}
