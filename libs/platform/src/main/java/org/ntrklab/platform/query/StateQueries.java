package org.ntrklab.platform.query;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the web layer gets its {@link StateLookup}s: one per Kafka Streams key-value store, each answering
 * with {@code Optional} values from this instance's state, or saying that another instance holds the entry
 * ({@link StateElsewhere}, which the web layer answers by forwarding the request there) or that the state
 * cannot be read just now ({@link StateUnavailable}, a 503).
 *
 * <p>With several instances, each configured with its {@code application.server}, every one of them answers
 * every request; without it an instance that holds only part of the state answers 503 rather than a wrong 404.
 */
public final class StateQueries {

    /** Header set on a forwarded request so that the owner answers from its own state and never forwards again. */
    public static final String FORWARDED_HEADER = "X-Ntrk-Forwarded";

    /** The other instances of this service, as the web layer reaches them. */
    public interface Peers {

        /** Whether the request being answered on this thread came from another instance ({@link #FORWARDED_HEADER}). */
        boolean askedByPeer();

        /**
         * GET of a path of the instance at host:port on behalf of the caller of the request being answered,
         * marked as forwarded.
         *
         * @throws StateUnreachable when the instance does not answer
         */
        Answer get(String host, int port, String pathAndQuery);
    }

    /** A peer's answer: its HTTP status and body (null when it had none). */
    public record Answer(int status, byte[] body) {
    }

    private final Supplier<KafkaStreams> streams;
    private final Supplier<String> applicationServer;
    private final int partitions;
    private final Peers peers;

    /**
     * @param streams this instance's Kafka Streams client, null while there is none
     * @param applicationServer this instance's {@code application.server} (host:port), null or blank when unset
     * @param partitions the partition count of the stores' source topics, to tell whether this instance holds
     *     all of the state
     */
    public StateQueries(Supplier<KafkaStreams> streams, Supplier<String> applicationServer, int partitions,
            Peers peers) {
        this.streams = streams;
        this.applicationServer = applicationServer;
        this.partitions = partitions;
        this.peers = peers;
    }

    /** A store whose partitions follow its keys' default partitioning (it is fed by a topic keyed the same way). */
    public <S> StateLookup<S> store(String store) {
        return new StateLookup<>(this, store, null);
    }

    /**
     * A store fed by {@code sourceTopic}, partition for partition: besides lookups by key, it answers lookups
     * in a given partition ({@link StateLookup#byPartition}) and lists from all instances
     * ({@link StateLookup#gather}).
     */
    public <S> StateLookup<S> store(String store, String sourceTopic) {
        return new StateLookup<>(this, store, sourceTopic);
    }

    KafkaStreams running() {
        KafkaStreams kafkaStreams = streams.get();
        if (kafkaStreams == null || !kafkaStreams.state().isRunningOrRebalancing()) {
            throw new StateUnavailable("Kafka Streams is not running");
        }
        return kafkaStreams;
    }

    /** This instance's address, empty when {@code application.server} is not set (a single instance). */
    Optional<HostInfo> self() {
        String server = applicationServer.get();
        return server == null || server.isBlank() ? Optional.empty() : Optional.of(HostInfo.buildFromEndpoint(server));
    }

    Peers peers() {
        return peers;
    }

    /**
     * True when this instance's active tasks cover every partition of every sub-topology it runs (a single
     * instance, or one that took all the work), judged per sub-topology so that partitions of one do not
     * stand in for partitions of another.
     */
    boolean holdsEveryPartition(KafkaStreams kafkaStreams) {
        Map<Integer, Set<Integer>> held = new HashMap<>();
        kafkaStreams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
                held.computeIfAbsent(task.taskId().subtopology(), k -> new HashSet<>()).add(task.taskId().partition())));
        return !held.isEmpty() && held.values().stream().allMatch(p -> p.size() >= partitions);
    }

    int partitions() {
        return partitions;
    }
}
