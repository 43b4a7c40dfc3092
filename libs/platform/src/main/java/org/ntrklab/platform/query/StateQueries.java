package org.ntrklab.platform.query;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one entry of a Kafka Streams key-value store for a REST request, wherever it lives: from the
 * local store when this instance owns the partition, otherwise by forwarding the same request to the
 * instance that does (its {@code application.server} address). With several instances, each configured
 * with its {@code application.server}, every one of them answers every request; without it an instance
 * that holds only part of the state answers 503 rather than a wrong 404.
 */
public final class StateQueries {

    /** Header set on a forwarded request so that the owner answers from its own state and never forwards again. */
    public static final String FORWARDED_HEADER = "X-Ntrk-Forwarded";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final ObjectProvider<StreamsBuilderFactoryBean> streams;
    private final RestClient rest;
    private final int partitions;

    /**
     * @param partitions the partition count of the stores' source topics, to tell whether this instance
     *     holds all of the state
     */
    public StateQueries(ObjectProvider<StreamsBuilderFactoryBean> streams, RestClient rest, int partitions) {
        this.streams = streams;
        this.rest = rest;
        this.partitions = partitions;
    }

    /**
     * Looks a key up in a store whose partitions follow the key's default partitioning (the store is fed
     * by a topic keyed the same way).
     *
     * @param view turns the stored value into the response body; empty gives 404
     */
    public <V, R> ResponseEntity<?> byKey(String store, String key, String pathAndQuery, boolean forwarded,
            Function<V, Optional<R>> view, String notFound) {
        KafkaStreams kafkaStreams = running();
        if (selfAddress().isEmpty()) {
            return answerLocally(kafkaStreams, store, key, null, view, notFound);
        }
        KeyQueryMetadata meta = keyOwner(kafkaStreams, store, key);
        return answer(kafkaStreams, store, key, meta.partition(), meta.activeHost(), pathAndQuery, forwarded, view,
                notFound);
    }

    private static KeyQueryMetadata keyOwner(KafkaStreams kafkaStreams, String store, String key) {
        KeyQueryMetadata meta = kafkaStreams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw unavailable("the owner of this record is not known yet (the service is starting or rebalancing)");
        }
        return meta;
    }

    /**
     * Looks a key up in the partition of a store that corresponds to the given partition of its source
     * topic, for keys that name their partition themselves (e.g. an accession number).
     */
    public <V, R> ResponseEntity<?> byPartition(String store, String sourceTopic, int partition, String key,
            String pathAndQuery, boolean forwarded, Function<V, Optional<R>> view, String notFound) {
        KafkaStreams kafkaStreams = running();
        if (selfAddress().isEmpty()) {
            return answerLocally(kafkaStreams, store, key, partition, view, notFound);
        }
        TopicPartition tp = new TopicPartition(sourceTopic, partition);
        HostInfo owner = kafkaStreams.metadataForAllStreamsClients().stream()
                .filter(m -> m.topicPartitions().contains(tp))
                .map(StreamsMetadata::hostInfo)
                .findFirst()
                .orElseThrow(() -> unavailable("partition " + partition + " of " + sourceTopic
                        + " has no owner yet (the service is starting or rebalancing)"));
        return answer(kafkaStreams, store, key, partition, owner, pathAndQuery, forwarded, view, notFound);
    }

    private <V, R> ResponseEntity<?> answer(KafkaStreams kafkaStreams, String store, String key, int partition,
            HostInfo owner, String pathAndQuery, boolean forwarded, Function<V, Optional<R>> view, String notFound) {
        Optional<HostInfo> self = selfAddress();
        boolean local = self.isEmpty() || owner == null || owner.equals(HostInfo.unavailable()) || owner.equals(self.get());
        if (!local && !forwarded) {
            return forward(owner, pathAndQuery);
        }
        return answerLocally(kafkaStreams, store, key, partition, view, notFound);
    }

    /**
     * Answers from this instance's own state: from one partition's store when the partition is known,
     * else from all partitions this instance holds. Without {@code application.server} the service runs
     * as a single instance, which holds every partition.
     */
    private <V, R> ResponseEntity<?> answerLocally(KafkaStreams kafkaStreams, String store, String key,
            Integer partition, Function<V, Optional<R>> view, String notFound) {
        return this.<V>readLocally(kafkaStreams, store, key, partition).flatMap(view)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                        .body(new NotFound(notFound)));
    }

    /** This instance's value for the key, from one partition's store or (partition null) from all it holds. */
    private <V> Optional<V> readLocally(KafkaStreams kafkaStreams, String store, String key, Integer partition) {
        V value;
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters = StoreQueryParameters
                    .fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore());
            ReadOnlyKeyValueStore<String, V> kv = kafkaStreams.store(
                    partition == null ? parameters : parameters.withPartition(partition));
            value = kv.get(key);
        } catch (InvalidStateStoreException e) {
            throw unavailable("the state" + (partition == null ? "" : " of partition " + partition)
                    + " is not queryable here right now: " + e.getMessage());
        }
        if (value == null && partition == null && !holdsEveryPartition(kafkaStreams)) {
            throw unavailable("this instance holds only part of the state and cannot tell which instance holds "
                    + "this record: set ntrk.streams.properties.application.server on every instance");
        }
        return Optional.ofNullable(value);
    }

    /**
     * One entry's view as an object, wherever it lives, for answers that combine several keys: read here
     * when this instance holds the key, else fetched as JSON from the owner's {@code remotePath}, which
     * must answer with the same view for the same key.
     */
    public <V, R> Optional<R> fetch(String store, String key, String remotePath, Function<V, Optional<R>> view,
            Class<R> type) {
        KafkaStreams kafkaStreams = running();
        Optional<HostInfo> self = selfAddress();
        if (self.isPresent()) {
            KeyQueryMetadata meta = keyOwner(kafkaStreams, store, key);
            if (meta.activeHost() == null || meta.activeHost().equals(HostInfo.unavailable())) {
                throw unavailable("the owner of " + key + " is not known yet (the service is starting or rebalancing)");
            }
            if (!meta.activeHost().equals(self.get())) {
                ResponseEntity<?> remote = forward(meta.activeHost(), remotePath);
                if (remote.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                    return Optional.empty();
                }
                if (remote.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                    throw unavailable("the instance owning " + key + " is not ready");
                }
                if (!remote.getStatusCode().is2xxSuccessful() || !(remote.getBody() instanceof byte[] body)) {
                    throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "the instance owning " + key
                            + " answered " + remote.getStatusCode());
                }
                try {
                    return Optional.of(JSON.readValue(body, type));
                } catch (JacksonException e) {
                    throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "the instance owning " + key
                            + " answered unreadable JSON: " + e.getOriginalMessage(), e);
                }
            }
            return this.<V>readLocally(kafkaStreams, store, key, meta.partition()).flatMap(view);
        }
        return this.<V>readLocally(kafkaStreams, store, key, null).flatMap(view);
    }

    /**
     * Every entry of a store whose view passes, from all instances: this instance's own partitions read
     * here, every other instance's fetched from its {@code remotePath} (which must answer, for a forwarded
     * request, with its own entries only, as this method does). Answers 503 rather than a partial list while
     * some partition of {@code sourceTopic} has no instance.
     *
     * @param forwarded whether this request came from another instance (then only local entries)
     */
    public <V, R> List<R> gather(String store, String sourceTopic, String remotePath, boolean forwarded,
            Function<V, Optional<R>> view, Class<R[]> arrayType) {
        KafkaStreams kafkaStreams = running();
        // Read against one assignment: if partitions move while the entries are read, answer 503, never a list
        // with some entries missed or counted twice.
        Collection<StreamsMetadata> before = kafkaStreams.metadataForAllStreamsClients();
        List<R> found = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, V> kv = kafkaStreams.store(StoreQueryParameters
                    .fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore()));
            try (KeyValueIterator<String, V> all = kv.all()) {
                all.forEachRemaining(entry -> view.apply(entry.value).ifPresent(found::add));
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable("the state is not queryable here right now: " + e.getMessage());
        }
        Optional<HostInfo> self = selfAddress();
        if (forwarded) {
            return found;
        }
        if (self.isEmpty()) {
            if (!holdsEveryPartition(kafkaStreams)) {
                throw unavailable("this instance holds only part of the state: set"
                        + " ntrk.streams.properties.application.server on every instance");
            }
            return found;
        }
        Set<Integer> covered = new HashSet<>();
        for (StreamsMetadata instance : kafkaStreams.metadataForAllStreamsClients()) {
            instance.topicPartitions().stream().filter(tp -> tp.topic().equals(sourceTopic))
                    .forEach(tp -> covered.add(tp.partition()));
            if (instance.hostInfo().equals(self.get()) || !instance.stateStoreNames().contains(store)) {
                continue;
            }
            ResponseEntity<?> remote = forward(instance.hostInfo(), remotePath);
            if (!remote.getStatusCode().is2xxSuccessful() || !(remote.getBody() instanceof byte[] body)) {
                throw unavailable("the instance at " + instance.hostInfo().host() + ":" + instance.hostInfo().port()
                        + " answered " + remote.getStatusCode().value());
            }
            try {
                R[] remoteEntries = JSON.readValue(body, arrayType);
                if (remoteEntries != null) {
                    Arrays.stream(remoteEntries).filter(Objects::nonNull).forEach(found::add);
                }
            } catch (JacksonException e) {
                throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "the instance at "
                        + instance.hostInfo().host() + ":" + instance.hostInfo().port() + " answered unreadable JSON", e);
            }
        }
        if (covered.size() < partitions) {
            throw unavailable("some partitions of " + sourceTopic + " have no instance yet (starting or rebalancing)");
        }
        if (!new HashSet<>(before).equals(new HashSet<>(kafkaStreams.metadataForAllStreamsClients()))) {
            throw unavailable("the partitions moved between instances while the list was read");
        }
        return found.stream().distinct().toList();
    }

    /**
     * True when this instance's active tasks cover every partition of every sub-topology it runs (a single
     * instance, or one that took all the work), judged per sub-topology so that partitions of one do not
     * stand in for partitions of another.
     */
    private boolean holdsEveryPartition(KafkaStreams kafkaStreams) {
        Map<Integer, Set<Integer>> held = new HashMap<>();
        kafkaStreams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
                held.computeIfAbsent(task.taskId().subtopology(), k -> new HashSet<>()).add(task.taskId().partition())));
        return !held.isEmpty() && held.values().stream().allMatch(p -> p.size() >= partitions);
    }

    /**
     * @param pathAndQuery the request's own path, still percent-encoded as it arrived, so it is passed on
     *     unchanged rather than encoded a second time
     */
    private ResponseEntity<?> forward(HostInfo owner, String pathAndQuery) {
        URI target;
        try {
            target = URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the request path cannot be forwarded", e);
        }
        try {
            ResponseEntity<byte[]> response = rest.get()
                    .uri(target)
                    .header(FORWARDED_HEADER, "true")
                    // The owner checks the caller's token and role as this instance did, and shapes its
                    // answer for the same caller.
                    .headers(h -> callerAuthorization().ifPresent(a -> h.set(HttpHeaders.AUTHORIZATION, a)))
                    .retrieve()
                    .onStatus(status -> true, (req, res) -> { })
                    .toEntity(byte[].class);
            return ResponseEntity.status(response.getStatusCode()).contentType(MediaType.APPLICATION_JSON)
                    .body(response.getBody());
        } catch (RestClientException e) {
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "the instance owning this record ("
                    + owner.host() + ":" + owner.port() + ") did not answer: " + e.getMessage(), e);
        }
    }

    /** The Authorization header of the REST request being answered on this thread, if any. */
    private static Optional<String> callerAuthorization() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? Optional.ofNullable(request.getRequest().getHeader(HttpHeaders.AUTHORIZATION))
                : Optional.empty();
    }

    private KafkaStreams running() {
        StreamsBuilderFactoryBean factoryBean = streams.getIfAvailable();
        KafkaStreams kafkaStreams = factoryBean == null ? null : factoryBean.getKafkaStreams();
        if (kafkaStreams == null || !kafkaStreams.state().isRunningOrRebalancing()) {
            throw unavailable("Kafka Streams is not running");
        }
        return kafkaStreams;
    }

    private Optional<HostInfo> selfAddress() {
        StreamsBuilderFactoryBean factoryBean = streams.getIfAvailable();
        Object server = factoryBean == null || factoryBean.getStreamsConfiguration() == null ? null
                : factoryBean.getStreamsConfiguration().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        if (server == null || server.toString().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(HostInfo.buildFromEndpoint(server.toString()));
    }

    private static ResponseStatusException unavailable(String why) {
        return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, why + "; retry shortly");
    }

    /** Body of a 404: says what was not found, never echoes other data. */
    public record NotFound(String error) {
    }
}
