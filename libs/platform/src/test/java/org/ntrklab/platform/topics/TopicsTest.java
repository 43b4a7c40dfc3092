package org.ntrklab.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The topic catalogue (README, "Topics and events"): names, one writer each, co-partitioning, dead-letter topics. */
class TopicsTest {

    @Test
    void productionCatalogueHasTheDesignTopicNamesAndADeadLetterTopicForEach() {
        Topics topics = Topics.production(6, (short) 3);

        assertThat(topics.all()).extracting(TopicSpec::name).containsExactly(
                "lims.specimen-events", "lab.qc-measurements", "lab.assay-runs", "lab.report-commands",
                "ntrk.accessions", "ntrk.qc-decisions", "ntrk.assay-orders", "ntrk.assay-status",
                "ntrk.reports", "ntrk.turnaround");
        assertThat(topics.reports().deadLetterTopic()).isEqualTo("ntrk.reports.dlt");
        assertThat(topics.newTopics()).hasSize(20)
                .allSatisfy(t -> assertThat(t.numPartitions()).isEqualTo(6))
                .allSatisfy(t -> assertThat(t.replicationFactor()).isEqualTo((short) 3));
    }

    @Test
    void onlyTheLimsTopicIsKeyedBySpecimenAndEveryNtrkTopicHasOneServiceAsWriter() {
        Topics topics = Topics.production(6, (short) 1);

        assertThat(topics.all()).filteredOn(t -> t.keyedBy().equals(Topics.SPECIMEN_ID))
                .containsExactly(topics.limsSpecimenEvents());
        assertThat(topics.all()).filteredOn(t -> t.name().startsWith("ntrk."))
                .extracting(TopicSpec::writer)
                .containsExactly("accessioning", "sample-qc", "reflex", "assay-tracking", "reporting", "tat-metrics");
    }

    @Test
    void aPrefixedCatalogueKeepsEveryNameUnderItsPrefix() {
        Topics topics = new Topics("t-42.", 2, (short) 1);

        assertThat(topics.newTopics()).extracting(NewTopic::name).allMatch(n -> n.startsWith("t-42."));
        assertThat(topics.accessions().name()).isEqualTo("t-42.ntrk.accessions");
    }

    @Test
    void recordsAreKeptForEverAndReplicationCanBeLeftToTheBroker() {
        NewTopic reports = new Topics("", 6, Topics.BROKER_DEFAULT_REPLICATION).reports().newTopic();

        assertThat(reports.configs()).containsEntry("retention.ms", "-1").containsEntry("cleanup.policy", "delete");
        assertThat(reports.replicationFactor()).isEqualTo((short) -1);
    }

    @Test
    void impossibleLayoutsAreRefused() {
        assertThatThrownBy(() -> new Topics("", 0, (short) 1)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new Topics("", 3, (short) 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new Topics("", 3, (short) 1, 0)).hasMessageContaining("retention");
    }
}
