package org.ntrklab.platform.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the schema a state record class needs into the schemas module, after a change to the class:
 * {@code java -cp <class path with the service> org.ntrklab.platform.state.StateSchemaTool
 * schemas/src/main/state org.ntrklab.sampleqc.evaluation.QcCase ...}. The build's evolution check then says
 * whether the change keeps every released field; commit the file with the class.
 */
public final class StateSchemaTool {

    private StateSchemaTool() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws IOException, ClassNotFoundException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: StateSchemaTool <state-schemas-dir> <record class>...");
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (int i = 1; i < args.length; i++) {
            Class<? extends Record> type = (Class<? extends Record>) Class.forName(args[i]);
            Path file = dir.resolve(StateSchemaOf.nameOf(type) + ".avsc");
            Files.writeString(file, StateSchemaOf.of(type).toString(true) + "\n");
            System.out.println("wrote " + file);
        }
    }
}
