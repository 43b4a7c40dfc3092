package org.ntrklab.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntrklab.schemas.EventEnvelopes;
import org.ntrklab.schemas.StateSchemas;

/**
 * The services' state-store schemas are kept beside the event schemas and checked by the same build step:
 * a change that would reset stored data when a service restores its state fails the build.
 */
class StateSchemaEvolutionTest {

    private static final Path STATE = Path.of("src/main/state");
    private static final Path RELEASED = Path.of("src/main/released");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyStateStoreValueHasASchemaThatPassesAgainstItsReleases() {
        List<Schema> state = StateSchemas.load(STATE);
        assertThat(state).extracting(Schema::getName).contains("LedgerEntry", "QcCase", "AssayCase", "ReflexCase",
                "ReportCase", "CaseTimeline", "WorkingDaysSummary");
        List<Schema> current = new java.util.ArrayList<>(EventEnvelopes.ALL);
        current.addAll(state);
        assertThat(ReleasedSchemaCheck.check(RELEASED, current)).isEmpty();
    }

    @Test
    void renamingAStateFieldFailsTheBuild(@TempDir Path dir) throws IOException {
        Path released = Files.createDirectories(dir.resolve("1"));
        Path qcCase = STATE.resolve("QcCase.avsc");
        Files.copy(qcCase, released.resolve(StateSchemas.NAMESPACE + ".QcCase.avsc"));
        ObjectNode renamed = (ObjectNode) JSON.readTree(qcCase.toFile());
        ((ObjectNode) renamed.get("fields").get(0)).put("name", "accessionNumber");
        Path current = Files.createDirectories(dir.resolve("state"));
        Files.writeString(current.resolve("QcCase.avsc"), renamed.toString());

        assertThat(ReleasedSchemaCheck.check(dir, StateSchemas.load(current))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("field 'accessionId' of QcCase was removed or renamed"));
        assertThatThrownBy(() -> ReleasedSchemaCheck.main(new String[] {dir.toString(), current.toString()}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Schema evolution check failed");
    }

    @Test
    void addingAStateFieldWithItsDefaultIsAllowed(@TempDir Path dir) throws IOException {
        Path released = Files.createDirectories(dir.resolve("1"));
        Path qcCase = STATE.resolve("QcCase.avsc");
        Files.copy(qcCase, released.resolve(StateSchemas.NAMESPACE + ".QcCase.avsc"));
        ObjectNode grown = (ObjectNode) JSON.readTree(qcCase.toFile());
        ObjectNode field = ((com.fasterxml.jackson.databind.node.ArrayNode) grown.get("fields")).addObject();
        field.put("name", "reviewedBy");
        field.putArray("type").add("null").add("string");
        field.putNull("default");
        Path current = Files.createDirectories(dir.resolve("state"));
        Files.writeString(current.resolve("QcCase.avsc"), grown.toString());

        assertThat(ReleasedSchemaCheck.check(dir, StateSchemas.load(current))).isEmpty();
    }
}
