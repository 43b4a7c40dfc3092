package org.ntrklab.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;

/** The raw-Kafka baseline against the test JVM's real broker: leaders awaited, every send accounted for. */
class RawKafkaBaselineTest {

    @Test
    void everyRecordOfEveryPassIsReadBackAndTheMinimumTimeIsRun() {
        Duration minimum = Duration.ofSeconds(1);

        RawKafkaBaseline.Result result = RawKafkaBaseline.run(client(), 300, 120, 3, minimum);

        assertThat(result.recordsPerPass()).isEqualTo(300);
        assertThat(result.passes()).isPositive();
        assertThat(result.records()).isEqualTo(result.passes() * 300);
        assertThat(result.recordBytes()).isEqualTo(120);
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(minimum);
    }

    @Test
    void aNewTopicIsAwaitedUntilEveryPartitionHasALeader(TestInfo test) throws Exception {
        String topic = TestNamespace.of(test).topic("baseline");
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) -1))).all().get();

            TopicDescription d = RawKafkaBaseline.awaitLeaders(admin, topic, 4, RawKafkaBaseline.LEADER_TIMEOUT);

            assertThat(d.partitions()).hasSize(4)
                    .allSatisfy(p -> assertThat(p.leader()).isNotNull().matches(leader -> !leader.isEmpty()));
        }
    }

    @Test
    void aTopicThatGetsNoLeaderFailsWithAClearError(TestInfo test) {
        String topic = TestNamespace.of(test).topic("never-created");
        try (Admin admin = admin()) {
            assertThatThrownBy(() -> RawKafkaBaseline.awaitLeaders(admin, topic, 2, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(topic)
                    .hasMessageContaining("no leader for every partition");
        }
    }

    @Test
    void aFailedSendFailsTheBaselineInsteadOfGivingAFigure() {
        // Larger than a producer request may be: every send of the measure fails, none may be ignored.
        assertThatThrownBy(() -> RawKafkaBaseline.run(client(), 5, 2_000_000, 1, Duration.ZERO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("baseline sends failed")
                .hasRootCauseInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void aRunWithoutRecordsHasNothingToCompareWith() {
        assertThatThrownBy(() -> RawKafkaBaseline.run(Map.of(), 0, 400, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no records");
    }

    private static Map<String, Object> client() {
        return SharedInfrastructure.get().adminClientProperties();
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.putAll(client());
        return Admin.create(p);
    }
}
