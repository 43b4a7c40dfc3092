package org.ntrklab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;
import org.ntrklab.testkit.TopicRecords;

/** The registry keeps its schemas across a restart, so records written before it still decode. */
class RegistryRestartTest {

    @Test
    void aRecordWrittenBeforeARegistryRestartStillDecodesAfterIt(TestInfo info) {
        SharedInfrastructure infra = SharedInfrastructure.get();
        Topics topics = TestTopics.provision(TestNamespace.of(info), 1);
        TopicSpec<SpecimenEvent> topic = topics.limsSpecimenEvents();
        SpecimenEvent before = LabEvents.cancelled("SP-RESTART-1", "ORD-1", CancellationReason.ORDER_WITHDRAWN);
        Serde<SpecimenEvent> writerSerde = new EventSerdes(RegistrySettings.of(infra.registryUrl(), infra.registryClientProperties())).valueSerde(topic);
        byte[] written = writerSerde.serializer().serialize(topic.name(), before);
        TopicRecords.sendRaw(topic.name(), "SP-RESTART-1".getBytes(), written);

        infra.restartRegistry();

        // A new serde has an empty schema cache: it must fetch the schema from the restarted registry.
        Serde<SpecimenEvent> readerSerde = new EventSerdes(RegistrySettings.of(infra.registryUrl(), infra.registryClientProperties())).valueSerde(topic);
        List<ConsumerRecord<byte[], byte[]>> read = TopicRecords.readCommitted(topic.name(), 1, Duration.ofSeconds(30));
        assertThat(read).hasSize(1);
        SpecimenEvent after = readerSerde.deserializer().deserialize(topic.name(), read.get(0).value());
        assertThat(after).isEqualTo(before);

        // Writing the same schema again after the restart reuses the same id instead of registering anew.
        byte[] rewritten = readerSerde.serializer().serialize(topic.name(), before);
        assertThat(schemaId(rewritten)).isEqualTo(schemaId(written));
    }

    private static int schemaId(byte[] confluentFramed) {
        return ByteBuffer.wrap(confluentFramed, 1, 4).getInt();
    }
}
