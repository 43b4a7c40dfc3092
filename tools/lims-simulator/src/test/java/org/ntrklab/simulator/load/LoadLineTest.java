package org.ntrklab.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The load figures' JSON line: one line, every field present, and the ratio as the human output means it. */
class LoadLineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** 3,000 records in 10 s: 300 records/s, so the run's 1,500 records take Kafka alone 5 s. */
    private static final RawKafkaBaseline.Result BASELINE =
            new RawKafkaBaseline.Result(3000, 1500, 2, 420, Duration.ofSeconds(10));

    @Test
    void everyFigureIsOnOneParsableLine() {
        LoadLine line = new LoadLine(40, Duration.ofSeconds(60), 100, 98, Duration.ofSeconds(50), 1.96,
                new LoadLine.Latency(35_712.5, 50_001, 55_500.25, 60_000), new LoadBenchmark.PeakMemory(1_260_000_000L,
                        990_000_000L, 270_000_000L), Duration.ofMillis(28_100), 1500, 420, BASELINE, null, true);

        String json = line.json();

        assertThat(json).startsWith("{\"benchmark\":\"load\",").doesNotContain("\n");
        JsonNode n = JSON.readTree(json);
        assertThat(n.get("offeredCasesPerSecond").asDouble()).isEqualTo(40.0);
        assertThat(n.get("durationSeconds").asDouble()).isEqualTo(60.0);
        assertThat(n.get("cases").asInt()).isEqualTo(100);
        assertThat(n.get("reportedCases").asLong()).isEqualTo(98);
        assertThat(n.get("elapsedSeconds").asDouble()).isEqualTo(50.0);
        assertThat(n.get("achievedCasesPerSecond").asDouble()).isEqualTo(1.96);
        JsonNode latency = n.get("receiptToFinalMillis");
        assertThat(latency.get("p50").asDouble()).isEqualTo(35_712.5);
        assertThat(latency.get("p95").asDouble()).isEqualTo(50_001.0);
        assertThat(latency.get("p99").asDouble()).isEqualTo(55_500.25);
        assertThat(latency.get("max").asDouble()).isEqualTo(60_000.0);
        JsonNode memory = n.get("peakResidentBytes");
        assertThat(memory.get("total").asLong()).isEqualTo(1_260_000_000L);
        assertThat(memory.get("stack").asLong()).isEqualTo(990_000_000L);
        assertThat(memory.get("children").asLong()).isEqualTo(270_000_000L);
        assertThat(n.get("stackReadySeconds").asDouble()).isEqualTo(28.1);
        assertThat(n.get("records").asLong()).isEqualTo(1500);
        assertThat(n.get("meanRecordBytes").asInt()).isEqualTo(420);
        JsonNode raw = n.get("rawKafka");
        assertThat(raw.get("recordsPerSecond").asDouble()).isEqualTo(300.0);
        assertThat(raw.get("records").asLong()).isEqualTo(3000);
        assertThat(raw.get("passes").asLong()).isEqualTo(2);
        assertThat(raw.get("seconds").asDouble()).isEqualTo(10.0);
        assertThat(raw.get("error").isNull()).isTrue();
        assertThat(n.get("ratio").asDouble()).isEqualTo(10.0);
        assertThat(n.get("clean").asBoolean()).isTrue();
    }

    @Test
    void whatWasNotMeasuredIsNullAndTheBaselinesFailureIsToldAsGiven() {
        String error = "3 of 4200 baseline sends failed (first: \"NOT_LEADER\"\n\\ then out of order)";
        LoadLine line = new LoadLine(500, Duration.ofSeconds(20), 10, 0, Duration.ofSeconds(30), 0, null, null, null,
                40, 380, null, error, false);

        JsonNode n = JSON.readTree(line.json());

        assertThat(n.get("receiptToFinalMillis").isNull()).isTrue();
        assertThat(n.get("peakResidentBytes").isNull()).isTrue();
        assertThat(n.get("stackReadySeconds").isNull()).isTrue();
        assertThat(n.get("rawKafka").get("recordsPerSecond").isNull()).isTrue();
        assertThat(n.get("rawKafka").get("error").asString()).isEqualTo(error);
        assertThat(n.get("ratio").isNull()).isTrue();
        assertThat(n.get("clean").asBoolean()).isFalse();
    }

    @Test
    void theRatioComparesTheSameRecordsHoweverOftenTheBaselineRepeatedThem() {
        // The pipeline took 50 s for 1,500 records; Kafka alone moves them in 5 s at its 300 records/s.
        assertThat(BASELINE.ratio(Duration.ofSeconds(50), 1500)).isEqualTo(10.0);
        // Per case (15 records each, 100 cases): 0.5 s in the pipeline against 0.05 s for Kafka alone.
        double pipelineSecondsPerCase = 50.0 / 100;
        double rawSecondsPerCase = 15 / BASELINE.recordsPerSecond();
        assertThat(BASELINE.ratio(Duration.ofSeconds(50), 1500))
                .isCloseTo(pipelineSecondsPerCase / rawSecondsPerCase, within(1e-9));
        // The same baseline figure measured in one pass or in ten is the same reference.
        RawKafkaBaseline.Result tenPasses = new RawKafkaBaseline.Result(15_000, 1500, 10, 420, Duration.ofSeconds(50));
        assertThat(tenPasses.ratio(Duration.ofSeconds(50), 1500)).isEqualTo(10.0);
    }
}
