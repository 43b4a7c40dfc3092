package org.ntrklab.accessioning;

import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.ntrklab.accessioning.ledger.AccessionDesk;
import org.ntrklab.accessioning.ledger.LedgerEntry;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.platform.cases.CaseRuntime;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.state.AvroStateSerde;
import org.ntrklab.platform.topics.Topics;


/**
 * lims.specimen-events -> (in its specimen id's partition) accession desk -> ntrk.accessions. The ledger, the accession-number index and
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
    /** Name of the internal topic that holds LIMS events partitioned by specimen id. */
    static final String SPECIMENS_BY_ID = "specimens-by-id";

    private AccessioningTopology() {
    }

    /**
     * The internal topic whose partitions the ledger follows, and whose partition number each accession
     * number carries.
     */
    public static String specimensByIdTopic(String applicationId) {
        return applicationId + "-" + SPECIMENS_BY_ID + "-repartition";
    }

    public static Topology topology(Topics topics, EventSerdes serdes, AccessionDesk desk, AccessioningMetrics metrics,
            Duration idleRetention, Duration housekeepingInterval) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics, serdes, desk, metrics, idleRetention, housekeepingInterval);
        return builder.build();
    }

    /** Adds the accessioning steps to the builder and returns the stream of accession events it writes. */
    public static KStream<String, AccessionEvent> build(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            AccessionDesk desk, AccessioningMetrics metrics, Duration idleRetention, Duration housekeepingInterval) {
        SpecimenInputs lims = new SpecimenInputs(desk);
        // Records without a value or keyed by something else than their specimenId are answered at once; the
        // others are re-partitioned by specimenId with Kafka's own partitioner, so a LIMS writing with another
        // client's partitioner still gets one ledger per specimen id in the partition the REST queries and
        // the accession numbers assume.
        return CaseRuntime.of(LEDGER, AvroStateSerde.of(LedgerEntry.class), new AccessionLogic(desk, idleRetention))
                .externalInput(topics.limsSpecimenEvents(), SpecimenInputs::filable, SPECIMENS_BY_ID,
                        topics.partitions(), lims::filed, lims::misfiled)
                .index(INDEX, LedgerEntry::accessionId)
                .sequence(SEQUENCE)
                .metrics(metrics)
                .housekeeping(housekeepingInterval)
                .build(builder, serdes, topics.accessions(), AccessionEvents::record);
    }
}
