package org.ntrklab.accessioning;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.ntrklab.accessioning.ledger.AccessionDesk;
import org.ntrklab.accessioning.ledger.LedgerEntry;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.streams.JsonStoreSerde;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;

/**
 * lims.specimen-events -> accession desk -> ntrk.accessions. The ledger, the accession-number index and
 * the partition's sequence are state stores of the same task, so they change in the same exactly-once
 * transaction as the output is written.
 */
public final class AccessioningTopology {

    /** Specimen id -> ledger entry. */
    public static final String LEDGER = "specimen-ledger";
    /** Accession number -> the same ledger entry, in the partition of the specimen. */
    public static final String INDEX = "accession-index";
    /** The partition's next accession sequence number. */
    public static final String SEQUENCE = "accession-sequence";

    private AccessioningTopology() {
    }

    public static Topology topology(Topics topics, EventSerdes serdes, AccessionDesk desk, AccessioningMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics, serdes, desk, metrics);
        return builder.build();
    }

    /** Adds the accessioning steps to the builder and returns the stream of accession events it writes. */
    public static KStream<String, AccessionEvent> build(StreamsBuilder builder, Topics topics, EventSerdes serdes, AccessionDesk desk,
            AccessioningMetrics metrics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEDGER), Serdes.String(),
                new JsonStoreSerde<>(LedgerEntry.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INDEX), Serdes.String(),
                new JsonStoreSerde<>(LedgerEntry.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEQUENCE), Serdes.String(),
                Serdes.Long()));
        TopicSpec<SpecimenEvent> input = topics.limsSpecimenEvents();
        TopicSpec<AccessionEvent> output = topics.accessions();
        KStream<String, AccessionEvent> accessions = builder
                .stream(input.name(), Consumed.with(input.keySerde(), serdes.valueSerde(input)))
                // One desk decision per event, against the specimen's ledger entry.
                .process(() -> new AccessionProcessor(desk, metrics), LEDGER, INDEX, SEQUENCE);
        accessions.to(output.name(), Produced.with(output.keySerde(), serdes.valueSerde(output)));
        return accessions;
    }
}
