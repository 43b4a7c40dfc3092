package org.ntrklab.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.schemas.EventEnvelopes;

/**
 * The project's schema evolution rules (README, "Schema evolution"): BACKWARD-compatible changes only (add fields with defaults, add union
 * branches and enum symbols at the end), never rename or remove. Each test starts from the released
 * version 1 of the LIMS envelope and changes one thing, as a developer might.
 */
class SchemaEvolutionRulesTest {

    private static final Path RELEASED = Path.of("src/main/released");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCurrentEnvelopePassesAgainstEveryReleasedVersion() {
        assertThat(ReleasedSchemas.load(RELEASED)).hasSizeGreaterThanOrEqualTo(EventEnvelopes.ALL.size());
        // Released versions also hold the services' state schemas (StateSchemaEvolutionTest): checked together.
        List<Schema> current = new java.util.ArrayList<>(EventEnvelopes.ALL);
        current.addAll(org.ntrklab.schemas.StateSchemas.load(Path.of("src/main/state")));
        assertThat(ReleasedSchemaCheck.check(RELEASED, current)).isEmpty();
    }

    @Test
    void removingAFieldIsRejected() throws IOException {
        Schema changed = changeSpecimenReceived(record -> removeField(record, "orderId"));

        assertThat(violations(changed)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("field 'orderId'", "removed or renamed"));
    }

    @Test
    void renamingAFieldIsRejectedEvenWithAnAlias() throws IOException {
        Schema changed = changeSpecimenReceived(record -> {
            ObjectNode field = field(record, "orderingFacility");
            field.put("name", "orderingSite");
            field.putArray("aliases").add("orderingFacility");
        });

        assertThat(violations(changed)).extracting(EvolutionViolation::message)
                .anySatisfy(m -> assertThat(m).contains("field 'orderingFacility'", "removed or renamed"));
    }

    @Test
    void addingAFieldWithoutDefaultIsRejectedBecauseOldRecordsCannotBeRead() throws IOException {
        Schema changed = changeSpecimenReceived(record -> ((ArrayNode) record.get("fields")).addObject()
                .put("name", "referringClinicianRef").put("type", "string"));

        assertThat(violations(changed)).extracting(EvolutionViolation::message)
                .anySatisfy(m -> assertThat(m).contains("READER_FIELD_MISSING_DEFAULT_VALUE", "referringClinicianRef"));
    }

    @Test
    void addingAFieldWithDefaultIsAllowed() throws IOException {
        Schema changed = changeSpecimenReceived(record -> {
            ObjectNode added = ((ArrayNode) record.get("fields")).addObject().put("name", "referringClinicianRef");
            added.putArray("type").add("null").add("string");
            added.putNull("default");
        });

        assertThat(violations(changed)).isEmpty();
    }

    @Test
    void changingAFieldTypeIsRejected() throws IOException {
        Schema changed = changeSpecimenReceived(record -> field(record, "orderingFacility").put("type", "int"));

        assertThat(violations(changed)).extracting(EvolutionViolation::message)
                .anySatisfy(m -> assertThat(m).contains("TYPE_MISMATCH"));
    }

    @Test
    void changingALogicalTypeIsRejectedEvenThoughTheBytesStillRead() throws IOException {
        ObjectNode envelope = releasedSpecimenEnvelope();
        ((ObjectNode) field(envelope, "occurredAt").get("type")).put("logicalType", "timestamp-micros");

        assertThat(violations(parse(envelope))).extracting(EvolutionViolation::message)
                .anySatisfy(m -> assertThat(m).contains("timestamp-millis became timestamp-micros"));
    }

    @Test
    void changingAFieldDefaultIsRejectedBecauseWritersThatOmitTheFieldWouldMeanSomethingElse() throws IOException {
        ObjectNode envelope = releasedSpecimenEnvelope();
        ObjectNode received = (ObjectNode) field(envelope, "payload").get("type").get(0);
        ObjectNode specimen = (ObjectNode) field(received, "specimen").get("type");
        field(specimen, "decalcification").put("default", "NONE");

        assertThat(violations(parse(envelope))).extracting(EvolutionViolation::message)
                .anySatisfy(m -> assertThat(m).contains("default of field 'decalcification'", "UNKNOWN", "NONE"));
    }

    @Test
    void appendingAnEnumSymbolIsAllowedButRemovingOrReorderingIsNot() throws IOException {
        Schema appended = changeSpecimenReceived(record -> symbols(record, "priority").add("URGENT"));
        assertThat(violations(appended)).isEmpty();

        Schema removed = changeSpecimenReceived(record -> symbols(record, "priority").remove(1));
        assertThat(violations(removed)).isNotEmpty();

        Schema reordered = changeSpecimenReceived(record -> symbols(record, "priority").insert(0, "URGENT"));
        assertThat(violations(reordered)).extracting(EvolutionViolation::message)
                .anySatisfy(m -> assertThat(m).contains("new ones go at the end"));
    }

    @Test
    void appendingAPayloadBranchIsAllowedButInsertingOneBeforeReleasedBranchesIsNot() throws IOException {
        ObjectNode released = releasedSpecimenEnvelope();
        ObjectNode correction = JSON.createObjectNode().put("type", "record").put("name", "SpecimenRelabelled");
        correction.putArray("fields").addObject().put("name", "orderId").put("type", "string");

        ObjectNode appended = released.deepCopy();
        ((ArrayNode) field(appended, "payload").get("type")).add(correction);
        assertThat(violations(parse(appended))).isEmpty();

        ObjectNode inserted = released.deepCopy();
        ((ArrayNode) field(inserted, "payload").get("type")).insert(0, correction);
        assertThat(violations(parse(inserted))).extracting(EvolutionViolation::message)
                .anySatisfy(m -> assertThat(m).contains("union branches", "new ones go at the end"));
    }

    @Test
    void theBuildStepFailsWithEveryViolationListed(@TempDir Path dir) throws IOException {
        Path version = Files.createDirectories(dir.resolve("1"));
        Files.copy(releasedFile(), version.resolve(releasedFile().getFileName()));
        Schema broken = changeSpecimenReceived(record -> {
            removeField(record, "orderId");
            removeField(record, "patientRef");
        });

        assertThat(ReleasedSchemaCheck.check(dir, List.of(broken))).hasSize(2);
        assertThat(ReleasedSchemaCheck.check(dir, List.of())).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("no longer exists"));

        // A released version that had a field the current schema lacks: the build step itself must fail.
        Path version2 = Files.createDirectories(dir.resolve("2"));
        ObjectNode releasedWithExtraField = releasedSpecimenEnvelope();
        ((ArrayNode) releasedWithExtraField.get("fields")).addObject().put("name", "retiredField").put("type", "int");
        Files.writeString(version2.resolve(releasedFile().getFileName()), releasedWithExtraField.toString());
        assertThatThrownBy(() -> ReleasedSchemaCheck.main(new String[] {dir.toString()}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Schema evolution check failed");
    }

    // ---- helpers: edit the released JSON the way a developer would edit the schema source ----

    private static List<EvolutionViolation> violations(Schema changed) throws IOException {
        return SchemaEvolutionRules.check(new Schema.Parser().parse(releasedFile().toFile()), changed);
    }

    private static Path releasedFile() {
        return RELEASED.resolve("1").resolve(SpecimenEvent.getClassSchema().getFullName() + ".avsc");
    }

    private static ObjectNode releasedSpecimenEnvelope() throws IOException {
        return (ObjectNode) JSON.readTree(releasedFile().toFile());
    }

    private static Schema changeSpecimenReceived(Consumer<ObjectNode> change) throws IOException {
        ObjectNode envelope = releasedSpecimenEnvelope();
        ObjectNode specimenReceived = (ObjectNode) field(envelope, "payload").get("type").get(0);
        assertThat(specimenReceived.get("name").asText()).isEqualTo("SpecimenReceived");
        change.accept(specimenReceived);
        return parse(envelope);
    }

    private static Schema parse(JsonNode json) {
        return new Schema.Parser().parse(json.toString());
    }

    private static ObjectNode field(ObjectNode record, String name) {
        for (JsonNode field : record.get("fields")) {
            if (field.get("name").asText().equals(name)) {
                return (ObjectNode) field;
            }
        }
        throw new IllegalArgumentException("no field " + name);
    }

    private static void removeField(ObjectNode record, String name) {
        ArrayNode fields = (ArrayNode) record.get("fields");
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("name").asText().equals(name)) {
                fields.remove(i);
                return;
            }
        }
        throw new IllegalArgumentException("no field " + name);
    }

    private static ArrayNode symbols(ObjectNode record, String enumField) {
        return (ArrayNode) field(record, enumField).get("type").get("symbols");
    }
}
