package org.ntrklab.platform.streams;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;
import org.ntrklab.testkit.TopicRecords;

/**
 * A service topology under {@link TopologyTestDriver}, set up as the services run: the real registry
 * serdes, the production Streams defaults, and dead letters going to the real broker (so the test's
 * topics, one partition each, are created there). Each harness has its own topic prefix, application id
 * and state directory.
 */
public final class TopologyHarness implements AutoCloseable {

    private final Topics topics;
    private final EventSerdes serdes;
    private final TopologyTestDriver driver;

    private TopologyHarness(Topics topics, EventSerdes serdes, TopologyTestDriver driver) {
        this.topics = topics;
        this.serdes = serdes;
        this.driver = driver;
    }

    /**
     * @param topology builds the topology under test from the test's topics and serdes
     * @param wallClockStart the driver's initial wall-clock time; null for the present
     */
    public static TopologyHarness start(TestNamespace ns, BiFunction<Topics, EventSerdes, Topology> topology,
            Instant wallClockStart) {
        SharedInfrastructure infra = SharedInfrastructure.get();
        Topics topics = new Topics(ns.topicPrefix(), 1, (short) 1);
        TopicRecords.createTopics(topics.newTopics());
        EventSerdes serdes = new EventSerdes(RegistrySettings.of(infra.registryUrl(), infra.registryClientProperties()));
        Properties props = new Properties();
        props.putAll(StreamsDefaults.properties(ns.applicationId(), infra.bootstrapServers(), ns.stateDir(), 1,
                infra.adminClientProperties()));
        Topology built = topology.apply(topics, serdes);
        TopologyTestDriver driver = wallClockStart == null ? new TopologyTestDriver(built, props)
                : new TopologyTestDriver(built, props, wallClockStart);
        return new TopologyHarness(topics, serdes, driver);
    }

    public <V extends SpecificRecord> TestInputTopic<String, V> input(TopicSpec<V> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(), serdes.valueSerde(topic).serializer());
    }

    public <V extends SpecificRecord> TestOutputTopic<String, V> output(TopicSpec<V> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(), serdes.valueSerde(topic).deserializer());
    }

    public Topics topics() {
        return topics;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
