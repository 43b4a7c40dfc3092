package org.ntrklab.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

/** A bad record is dead-lettered; a bad moment (registry or broker unreachable) is retried. */
class FailureClassifierTest {

    @Test
    void unreachableDependenciesAreTransientWhereverTheyHideInTheCauseChain() {
        assertThat(FailureClassifier.isTransient(new StreamsException(new SerializationException("cannot read",
                new RuntimeException(new ConnectException("Connection refused")))))).isTrue();
        assertThat(FailureClassifier.isTransient(new TimeoutException("metadata"))).isTrue();
    }

    @Test
    void malformedRecordsAreNotTransient() {
        assertThat(FailureClassifier.isTransient(new SerializationException("Unknown magic byte!"))).isFalse();
        assertThat(FailureClassifier.isTransient(new IllegalArgumentException("refused"))).isFalse();
    }

    @Test
    void theCauseChainNamesClassesOnlySoItIsSafeToLog() {
        String chain = FailureClassifier.causeChain(new StreamsException("patientRef P-123 in message",
                new SerializationException("value 2025-01-02")));
        assertThat(chain).isEqualTo(StreamsException.class.getName() + " <- " + SerializationException.class.getName());
    }

    @Test
    void aServicesOwnInternalTopicsDeadLetterToTheServiceTopicAndCatalogueTopicsToTheirOwn() {
        DeadLetterPublisher publisher = DeadLetterPublisher.forService("reflex",
                Map.of("bootstrap.servers", "unused:9092"));
        assertThat(publisher.deadLetterTopicFor("ntrk.accessions")).isEqualTo("ntrk.accessions.dlt");
        assertThat(publisher.deadLetterTopicFor("reflex-KSTREAM-REPARTITION-0000000003-repartition"))
                .isEqualTo("reflex.dlt");
    }
}
