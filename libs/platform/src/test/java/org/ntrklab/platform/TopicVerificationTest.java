package org.ntrklab.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.platform.topics.TopicProvisioner;
import org.ntrklab.testkit.TestNamespace;
import org.ntrklab.testkit.TopicRecords;

/** With topic creation off, a partition-count mismatch still stops the service; a missing topic does not. */
class TopicVerificationTest {

    @Test
    void aTopicWithAnotherPartitionCountIsRefusedAndAMissingOneOnlyReported(TestInfo info) {
        TestNamespace ns = TestNamespace.of(info);
        TopicRecords.createTopics(List.of(new NewTopic(ns.topic("ntrk.accessions"), 2, (short) 1)));
        try (Admin admin = TestTopics.admin()) {
            assertThatThrownBy(() -> TopicProvisioner.verify(admin,
                    List.of(new NewTopic(ns.topic("ntrk.accessions"), 3, (short) 1))))
                    .isInstanceOf(TopicProvisioner.PartitionMismatch.class)
                    .hasMessageContaining("has 2 partitions but the catalogue expects 3");
            assertThatCode(() -> TopicProvisioner.verify(admin, List.of(
                    new NewTopic(ns.topic("ntrk.accessions"), 2, (short) 1),
                    new NewTopic(ns.topic("ntrk.not-created"), 2, (short) 1)))).doesNotThrowAnyException();
        }
    }
}
