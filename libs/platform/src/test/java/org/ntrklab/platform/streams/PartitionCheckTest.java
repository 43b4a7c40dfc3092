package org.ntrklab.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/**
 * An outside record is read where it is only when it sits in the partition Kafka's own producer would have
 * chosen for its key: the check must agree with the producer's partitioner for every key, or a case's
 * records would reach two tasks.
 */
class PartitionCheckTest {

    @Test
    void theCheckAgreesWithKafkasDefaultPartitioner() {
        for (int partitions : new int[] {1, 3, 6, 12}) {
            for (int i = 0; i < 2_000; i++) {
                String key = (i % 2 == 0 ? "NT26-0" + (i % 10) + "-" : "SP-") + i + "-ü";
                assertThat(CatalogueStreams.partitionFor(key, partitions)).as(key + " of " + partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }
}
