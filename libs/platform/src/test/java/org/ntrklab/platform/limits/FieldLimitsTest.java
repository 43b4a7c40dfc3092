package org.ntrklab.platform.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.PriorOutsideResult;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.LabEvents;

/**
 * The field limits of docs/field-limits.md: every text field of every catalogue schema has a kind, and
 * length, character set, list size, finite numbers and plausible times are checked wherever they occur,
 * naming the field as rejections name fields and never quoting the value.
 */
class FieldLimitsTest {

    private static final Topics TOPICS = Topics.production(6, Topics.BROKER_DEFAULT_REPLICATION);

    @Test
    void everyTextFieldOfEveryCatalogueSchemaHasAKind() {
        List<String> unclassified = new ArrayList<>();
        for (TopicSpec<?> topic : TOPICS.all()) {
            collectUnclassified(SpecificData.get().getSchema(topic.valueType()), null, null, new HashSet<>(), unclassified);
        }
        assertThat(unclassified).as("string fields without a FieldKind (add them to FieldLimits and the docs)")
                .isEmpty();
    }

    @Test
    void docsListEveryKindWithItsLimitAndEveryExternalField() throws IOException {
        String docs = Files.readString(findDocs());
        for (FieldKind kind : FieldKind.values()) {
            assertThat(docs).as("docs/field-limits.md row for %s", kind)
                    .containsPattern("\\| `" + kind.name() + "` \\| " + kind.maxLength() + " \\|");
        }
        assertThat(docs).contains("| " + FieldLimits.MAX_ITEMS + " ").contains(FieldLimits.LATEST_PLAUSIBLE.toString()
                .substring(0, 10));
        for (TopicSpec<?> topic : TOPICS.all()) {
            if (topic.fromOutside()) {
                Set<String> fields = new HashSet<>();
                textFields(SpecificData.get().getSchema(topic.valueType()), new HashSet<>(), fields);
                for (String field : fields) {
                    assertThat(docs).as("docs/field-limits.md names %s of %s", field, topic.name())
                            .contains("`" + field + "`");
                }
            }
        }
    }

    @Test
    void anIdentifierHoldsAtMost64PrintableCharacters() {
        assertThat(FieldKind.IDENTIFIER.problemWith("x".repeat(64))).isNull();
        assertThat(FieldKind.IDENTIFIER.problemWith("x".repeat(65))).contains("65 characters").contains("at most 64");
        assertThat(FieldKind.IDENTIFIER.problemWith("SP-2026-\u00e9\u4e2d")).isNull();
        assertThat(FieldKind.IDENTIFIER.problemWith("SP\u0007-1")).contains("U+0007").contains("position 3");
        assertThat(FieldKind.IDENTIFIER.problemWith("SP-1\n")).contains("U+000A");
        // right-to-left override and zero-width space make an id look like another one
        assertThat(FieldKind.IDENTIFIER.problemWith("SP-\u202e1")).contains("U+202E");
        assertThat(FieldKind.IDENTIFIER.problemWith("SP-\u200b1")).contains("U+200B");
        assertThat(FieldKind.IDENTIFIER.problemWith("SP-\ud83e\uddeb")).as("a paired surrogate (emoji)").isNull();
        assertThat(FieldKind.IDENTIFIER.problemWith("SP-\ud83e")).as("a lone surrogate").contains("U+D83E");
    }

    @Test
    void freeTextMayBreakLinesButHoldsNoOtherControlCharacter() {
        assertThat(FieldKind.TEXT.problemWith("line one\nline two\r\n\tindented")).isNull();
        assertThat(FieldKind.TEXT.problemWith("bell\u0007")).contains("U+0007");
        assertThat(FieldKind.TEXT.problemWith("x".repeat(2001))).contains("at most 2000");
        assertThat(FieldKind.NAME.problemWith("x".repeat(201))).contains("at most 200");
    }

    @Test
    void violationsNameTheFieldFromInsideThePayloadAndNeverQuoteTheValue() {
        String secret = "PATIENT-NAME-" + "z".repeat(100);
        SpecimenReceived received = LabEvents.specimen(LabEvents.ffpeWorkUp().setOrderId(secret)
                .setPriorOutsideResults(List.of(PriorOutsideResult.newBuilder().setAssay(AssayType.RNA_NGS)
                        .setCall(OverallCall.POSITIVE).setFusion("ETV6::NTRK3\u0000").build())),
                s -> s.setCollectedAt(Instant.parse("9999-01-01T00:00:00Z")).setFixationHours(Double.NaN)).build();
        SpecimenEvent event = LabEvents.received("SP-1", received);

        List<FieldViolation> violations = FieldLimits.check(event);

        assertThat(violations).extracting(FieldViolation::field).containsExactlyInAnyOrder("orderId",
                "specimen.collectedAt", "specimen.fixationHours", "priorOutsideResults[0].fusion");
        assertThat(violations).extracting(FieldViolation::detail).noneMatch(d -> d.contains("PATIENT-NAME"));
        assertThat(violations).filteredOn(v -> v.field().equals("specimen.collectedAt")).singleElement()
                .extracting(FieldViolation::problem).asString().contains("9999");
    }

    @Test
    void listsHoldAtMostAHundredItems() {
        SpecimenReceived received = LabEvents.ffpeWorkUp().setLabellingFlags(Collections.nCopies(101,
                org.ntrklab.events.LabellingFlag.ILLEGIBLE_LABEL)).build();
        assertThat(FieldLimits.check(LabEvents.received("SP-1", received))).extracting(FieldViolation::detail)
                .containsExactly("labellingFlags has 101 items; at most 100 are accepted");
    }

    @Test
    void theIdentityCheckLooksOnlyAtTheEnvelopesOwnTextFields() {
        SpecimenEvent event = SpecimenEvent.newBuilder(LabEvents.received("SP-1",
                LabEvents.ffpeWorkUp().setOrderId("o".repeat(500)).build())).setSource("s".repeat(70)).build();
        assertThat(FieldLimits.checkIdentity(event)).extracting(FieldViolation::field).containsExactly("source");
        assertThat(FieldLimits.check(event)).extracting(FieldViolation::field).containsExactlyInAnyOrder("source",
                "orderId");
    }

    @Test
    void aWellFormedEventKeepsEveryLimit() {
        assertThat(FieldLimits.check(LabEvents.received("SP-1", LabEvents.ffpeWorkUp().build()))).isEmpty();
        assertThat(FieldLimits.check(LabEvents.cancelled("SP-1", "ORD-1", CancellationReason.ORDER_WITHDRAWN))).isEmpty();
    }

    @Test
    void theEncodedSizeBoundIsNeverBelowTheRealEncoding() throws IOException {
        SpecimenEvent small = LabEvents.received("SP-1", LabEvents.ffpeWorkUp().build());
        SpecimenEvent large = LabEvents.received("SP-2", LabEvents.ffpeWorkUp()
                .setOrderingFacility("\u4e2d".repeat(5000)).setOrderId("x".repeat(100_000)).build());
        for (SpecimenEvent event : List.of(small, large)) {
            long actual = encoded(event);
            assertThat(EncodedSize.atMost(event)).isGreaterThanOrEqualTo(actual).isLessThan(actual * 3 + 1000);
        }
    }

    private static long encoded(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.size();
    }

    private static void collectUnclassified(Schema schema, String record, String field, Set<String> seen,
            List<String> out) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    for (Schema.Field f : schema.getFields()) {
                        collectUnclassified(f.schema(), schema.getName(), f.name(), seen, out);
                    }
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUnclassified(t, record, field, seen, out));
            case ARRAY -> collectUnclassified(schema.getElementType(), record, field, seen, out);
            case MAP -> collectUnclassified(schema.getValueType(), record, field, seen, out);
            case STRING -> {
                if (FieldLimits.kindOf(record, field) == null) {
                    out.add(record + "." + field);
                }
            }
            default -> {
            }
        }
    }

    private static void textFields(Schema schema, Set<String> seen, Set<String> out) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    for (Schema.Field f : schema.getFields()) {
                        if (isText(f.schema())) {
                            out.add(f.name());
                        }
                        textFields(f.schema(), seen, out);
                    }
                }
            }
            case UNION -> schema.getTypes().forEach(t -> textFields(t, seen, out));
            case ARRAY -> textFields(schema.getElementType(), seen, out);
            default -> {
            }
        }
    }

    private static boolean isText(Schema s) {
        return switch (s.getType()) {
            case STRING -> true;
            case UNION -> s.getTypes().stream().anyMatch(FieldLimitsTest::isText);
            case ARRAY -> isText(s.getElementType());
            default -> false;
        };
    }

    private static Path findDocs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/field-limits.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docs/field-limits.md above the working directory").isNotNull();
        return dir.resolve("docs/field-limits.md");
    }
}
