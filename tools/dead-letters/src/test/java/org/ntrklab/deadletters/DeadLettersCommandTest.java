package org.ntrklab.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.ntrklab.platform.deadletter.DeadLetterHeaders;
import org.ntrklab.platform.deadletter.DeadLetterHeaders.FailureStage;
import org.ntrklab.platform.deadletter.DeadLetterPublisher;
import org.ntrklab.platform.serde.UnreadableRecord;
import org.ntrklab.platform.serde.UnreadableRecord.Reason;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;
import org.ntrklab.testkit.TopicRecords;
import picocli.CommandLine;

/**
 * The dead-letter command against the real broker, on dead letters written as the services write them
 * ({@link DeadLetterPublisher}), plus one older dead letter without a reason header. Run in-process, its
 * output captured.
 *
 * <p>Planted, in a namespace of three partitions per topic:
 * <pre>
 * lims.specimen-events.dlt 0@0  SP-0001  FOREIGN_SCHEMA       from lims.specimen-events-0@40  (value: PAYLOAD)
 * lims.specimen-events.dlt 1@0  SP-0002  NOT_REGISTRY_FRAMED  from lims.specimen-events-1@41
 * lims.specimen-events.dlt 2@0  SP-0003  PROCESSING_FAILURE   from lims.specimen-events-2@42  (own header traceparent)
 * lims.specimen-events.dlt 0@1  SP-0006  (no reason)          from lims.specimen-events-0@9
 * lab.assay-runs.dlt       0@0  NT26-.. PROCESSING_FAILURE   from lab.assay-runs-0@7          (service assay-tracking)
 * accessioning.dlt         ?@0  SP-0005  TRUNCATED            from accessioning-...-repartition-1@3
 * </pre>
 */
class DeadLettersCommandTest {

    /** A value that must never appear in the output unless asked for. */
    private static final String PAYLOAD = "PAYLOAD-MARKER-PR-0042";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestNamespace ns;
    private String intake;
    private String intakeDlt;
    private String runsDlt;
    private String accessioning;
    private String assayTracking;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void plantDeadLetters(TestInfo info) {
        ns = TestNamespace.of(info);
        Topics topics = new Topics(ns.topicPrefix(), 3, Topics.BROKER_DEFAULT_REPLICATION);
        // Services are named inside the namespace, so their own dead-letter topic is too.
        accessioning = ns.topic("accessioning");
        assayTracking = ns.topic("assay-tracking");
        List<NewTopic> definitions = new ArrayList<>(topics.newTopics());
        definitions.add(topics.newServiceDeadLetterTopic(accessioning));
        TopicRecords.createTopics(definitions);
        intake = topics.limsSpecimenEvents().name();
        intakeDlt = topics.limsSpecimenEvents().deadLetterTopic();
        runsDlt = topics.assayRuns().deadLetterTopic();

        Map<String, Object> client = SharedInfrastructure.get().adminClientProperties();
        DeadLetterPublisher intakeService = DeadLetterPublisher.forService(accessioning, client);
        intakeService.publish(intake, 0, 40, bytes("SP-0001"), bytes(PAYLOAD), null, FailureStage.DESERIALIZATION,
                new UnreadableRecord(Reason.FOREIGN_SCHEMA, "schema id 7 is a version of ntrk.reports-value"));
        intakeService.publish(intake, 1, 41, bytes("SP-0002"), bytes("not avro"), null, FailureStage.DESERIALIZATION,
                new UnreadableRecord(Reason.NOT_REGISTRY_FRAMED, "first byte is 0x6e"));
        RecordHeaders own = new RecordHeaders();
        own.add("traceparent", bytes("00-4bf92f3577b34da6-00f067aa0ba902b7-01"));
        intakeService.publish(intake, 2, 42, bytes("SP-0003"), bytes("third record"), own, FailureStage.PROCESSING,
                new IllegalStateException("intake rule failed"));
        DeadLetterPublisher.forService(assayTracking, client).publish(topics.assayRuns().name(), 0, 7,
                bytes("NT26-00-000001"), bytes("run record"), null, FailureStage.PROCESSING,
                new NullPointerException("result"));
        intakeService.publish(accessioning + "-KSTREAM-REPARTITION-0000000004-repartition", 1, 3, bytes("SP-0005"),
                bytes("repartitioned"), null, FailureStage.DESERIALIZATION,
                new UnreadableRecord(Reason.TRUNCATED, "ends at byte 12"));
        // A dead letter written before the reason header existed.
        RecordHeaders older = new RecordHeaders();
        DeadLetterHeaders.put(older, DeadLetterHeaders.ORIGIN_TOPIC, intake);
        DeadLetterHeaders.put(older, DeadLetterHeaders.ORIGIN_PARTITION, "0");
        DeadLetterHeaders.put(older, DeadLetterHeaders.ORIGIN_OFFSET, "9");
        DeadLetterHeaders.put(older, DeadLetterHeaders.STAGE, "DESERIALIZATION");
        DeadLetterHeaders.put(older, DeadLetterHeaders.SERVICE, accessioning);
        DeadLetterHeaders.put(older, DeadLetterHeaders.FAILED_AT, "2026-01-05T10:00:00Z");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                SharedInfrastructure.get().adminClientProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(intakeDlt, 0, bytes("SP-0006"), bytes("old record"), older)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listShowsEveryDeadLetterWithItsReasonAndNoPayload() {
        assertThat(dlt("list")).isEqualTo(0);

        assertThat(deadLetterLines()).hasSize(6);
        assertThat(out.toString())
                .contains(intakeDlt + " 0@0 failed-at=")
                .contains("service=" + accessioning + " stage=DESERIALIZATION reason=FOREIGN_SCHEMA origin=" + intake
                        + "-0@40 key='SP-0001' value=" + PAYLOAD.length() + " bytes")
                .contains(intakeDlt + " 1@0 ").contains("reason=NOT_REGISTRY_FRAMED")
                .contains("stage=PROCESSING reason=PROCESSING_FAILURE origin=" + intake + "-2@42 key='SP-0003'")
                .contains(runsDlt + " 0@0 ").contains("service=" + assayTracking)
                .contains("reason=TRUNCATED origin=" + accessioning + "-KSTREAM-REPARTITION-0000000004-repartition-1@3")
                .contains(intakeDlt + " 0@1 failed-at=2026-01-05T10:00:00Z service=" + accessioning
                        + " stage=DESERIALIZATION reason=- origin=" + intake + "-0@9 key='SP-0006'")
                .contains("6 dead letters by reason: PROCESSING_FAILURE 2, - 1, FOREIGN_SCHEMA 1,"
                        + " NOT_REGISTRY_FRAMED 1, TRUNCATED 1")
                .doesNotContain(PAYLOAD)
                .doesNotContain(base64(PAYLOAD))
                .doesNotContain("intake rule failed");

        assertThat(dlt("list", "--details", "--topic", "lims.specimen-events.dlt")).isEqualTo(0);
        assertThat(out.toString())
                .contains("exception: java.lang.IllegalStateException: intake rule failed")
                .contains("exception: " + UnreadableRecord.class.getName() + ": FOREIGN_SCHEMA: schema id 7")
                .doesNotContain(PAYLOAD);
    }

    @Test
    void showPayloadPrintsTheValueAsBase64AndSaysSo() {
        assertThat(dlt("list", "--topic", "lims.specimen-events.dlt", "--show-payload")).isEqualTo(0);

        assertThat(out.toString()).contains("Payloads are shown base64-encoded")
                .contains("payload (base64): " + base64(PAYLOAD));
        assertThat(deadLetterLines()).hasSize(4);
    }

    @Test
    void reasonServiceAndLimitNarrowTheList() {
        assertThat(dlt("list", "--reason", "FOREIGN_SCHEMA")).isEqualTo(0);
        assertThat(deadLetterLines()).singleElement().asString().contains("key='SP-0001'");
        assertThat(out.toString()).contains("1 dead letter by reason: FOREIGN_SCHEMA 1");

        assertThat(dlt("list", "--reason", "-")).isEqualTo(0);
        assertThat(deadLetterLines()).singleElement().asString().contains("key='SP-0006'");

        assertThat(dlt("list", "--service", assayTracking)).isEqualTo(0);
        assertThat(deadLetterLines()).singleElement().asString().startsWith(runsDlt + " 0@0 ");

        assertThat(dlt("list", "--limit", "2")).isEqualTo(0);
        assertThat(deadLetterLines()).hasSize(2);
        assertThat(out.toString()).contains("6 dead letters (2 shown)");
    }

    @Test
    void topicsCountsTheRecordsOfEveryDeadLetterTopic() {
        assertThat(dlt("topics")).isEqualTo(0);

        assertThat(out.toString())
                .containsPattern("(?m)^" + quoted(intakeDlt) + " +4$")
                .containsPattern("(?m)^" + quoted(runsDlt) + " +1$")
                .containsPattern("(?m)^" + quoted(accessioning + ".dlt") + " +1$")
                .containsPattern("(?m)^" + quoted(ns.topic("ntrk.reports.dlt")) + " +0$")
                // ten catalogue topics and the service's own
                .contains("11 dead-letter topics, 6 records");
    }

    @Test
    void redriveSendsExactlyTheChosenRecordBackToItsOriginWithUnchangedKeyAndValue() {
        assertThat(dlt("redrive", "--topic", intakeDlt, "--offsets", "2@0")).isEqualTo(0);

        assertThat(out.toString()).contains(intakeDlt + "-2@0 -> " + intake + "-2@0").contains("Re-driven 1 dead letter.");
        List<ConsumerRecord<byte[], byte[]>> back = readAll(intake, 1);
        assertThat(back).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = back.get(0);
        assertThat(record.partition()).isEqualTo(2);
        assertThat(text(record.key())).isEqualTo("SP-0003");
        assertThat(text(record.value())).isEqualTo("third record");
        assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.REDRIVEN_FROM)).isEqualTo(intakeDlt + "-2@0");
        assertThat(DeadLetterHeaders.get(record.headers(), "traceparent"))
                .isEqualTo("00-4bf92f3577b34da6-00f067aa0ba902b7-01");
        assertThat(headerNames(record)).containsExactlyInAnyOrder("traceparent", DeadLetterHeaders.REDRIVEN_FROM);
    }

    @Test
    void redriveAllWithAReasonSendsOnlyThoseOfThatReason() {
        assertThat(dlt("redrive", "--topic", "lims.specimen-events.dlt", "--all", "--reason", "NOT_REGISTRY_FRAMED"))
                .isEqualTo(0);

        assertThat(out.toString()).contains("3 dead letters skipped: the reason is not NOT_REGISTRY_FRAMED")
                .contains(intakeDlt + "-1@0 -> " + intake + "-1@0");
        List<ConsumerRecord<byte[], byte[]>> back = readAll(intake, 1);
        assertThat(back).extracting(r -> text(r.key())).containsExactly("SP-0002");
    }

    @Test
    void aDryRunSendsNothing() {
        assertThat(dlt("redrive", "--topic", intakeDlt, "--offsets", "2@0,1@0", "--dry-run")).isEqualTo(0);

        assertThat(out.toString())
                .contains(intakeDlt + "-1@0 -> " + intake + "-1 (dry run, not sent)")
                .contains(intakeDlt + "-2@0 -> " + intake + "-2 (dry run, not sent)")
                .contains("Dry run: 2 dead letters would be re-driven; nothing was sent.");
        assertThat(readAll(intake, 1)).isEmpty();
    }

    @Test
    void aRecordOfAnInternalTopicGoesOnlyWhereTheOperatorSaysAndNeverToADeadLetterTopic() {
        String serviceDlt = accessioning + ".dlt";

        assertThat(dlt("redrive", "--topic", serviceDlt, "--all")).isEqualTo(2);
        assertThat(err.toString()).contains("is a Kafka Streams internal topic; give --to").contains("nothing re-driven");
        assertThat(dlt("redrive", "--topic", serviceDlt, "--all", "--dry-run")).isEqualTo(2);

        assertThat(dlt("redrive", "--topic", serviceDlt, "--all", "--to", "lims.specimen-events.dlt")).isEqualTo(2);
        assertThat(err.toString()).contains("a dead-letter topic is never a re-drive target");

        assertThat(dlt("redrive", "--topic", serviceDlt, "--all", "--to", "lims.specimen-events")).isEqualTo(0);
        assertThat(readAll(intake, 1)).extracting(r -> text(r.key())).containsExactly("SP-0005");
    }

    @Test
    void badUsageAndUnknownPositionsAreRefusedWithExitCodeTwo() {
        assertThat(dlt("redrive", "--topic", intakeDlt, "--offsets", "0@99")).isEqualTo(2);
        assertThat(err.toString()).contains("no dead letter at 0@99");
        assertThat(dlt("redrive", "--topic", intakeDlt)).isEqualTo(2);
        assertThat(dlt("redrive", "--topic", intakeDlt, "--offsets", "zero")).isEqualTo(2);
        assertThat(dlt("list", "--topic", "lims.specimen-events")).isEqualTo(2);
        assertThat(err.toString()).contains("is not a dead-letter topic");
        assertThat(dlt("list", "--topic", "nothing-here.dlt")).isEqualTo(2);
        assertThat(readAll(intake, 1)).isEmpty();
    }

    @Test
    void anUnreachableBrokerIsAKafkaErrorWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("client.properties");
        Files.writeString(config, "default.api.timeout.ms=2000\nrequest.timeout.ms=1000\n");

        int exit = run("topics", "--bootstrap-servers", "localhost:1", "--command-config", config.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("Kafka error: ").doesNotContain("\tat ");
    }

    /** Runs the command against the shared broker in this test's namespace. */
    private int dlt(String... args) {
        return run(Stream.concat(Arrays.stream(args),
                Stream.of("--bootstrap-servers", bootstrap(), "--command-config", adminConfig().toString(),
                        "--topic-prefix", ns.topicPrefix())).toArray(String[]::new));
    }

    /** The super user's client settings as a --command-config file, as an administrator would pass them. */
    private static synchronized Path adminConfig() {
        Path file = SharedInfrastructure.get().dataDir().resolve("dead-letters-admin.properties");
        if (!Files.exists(file)) {
            StringBuilder text = new StringBuilder();
            SharedInfrastructure.get().adminClientProperties().forEach((k, v) -> text.append(k).append('=')
                    .append(v).append('\n'));
            try {
                Files.writeString(file, text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return file;
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = new CommandLine(new DeadLettersCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** The output lines that describe one dead letter each. */
    private List<String> deadLetterLines() {
        return out.toString().lines().filter(line -> line.startsWith(ns.topicPrefix())).toList();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        return TopicRecords.readCommitted(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), expected,
                WAIT.dividedBy(4), Duration.ofSeconds(2));
    }

    private static List<String> headerNames(ConsumerRecord<byte[], byte[]> record) {
        return StreamSupport.stream(record.headers().spliterator(), false).map(Header::key).toList();
    }

    private static String bootstrap() {
        return SharedInfrastructure.get().bootstrapServers();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(bytes(text));
    }

    private static String quoted(String text) {
        return java.util.regex.Pattern.quote(text);
    }
}
