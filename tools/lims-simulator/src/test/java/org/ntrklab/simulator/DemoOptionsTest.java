package org.ntrklab.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo's --leave-unsigned: parsed into the demo, and a count beyond the run's cases refused before it starts. */
class DemoOptionsTest {

    @Test
    void leaveUnsignedIsParsedAndDefaultsToNone() {
        assertThat(demo("demo").pace.leaveUnsigned(0)).isZero();
        assertThat(demo("demo", "--cases", "20", "--leave-unsigned=3").pace.leaveUnsigned(0)).isEqualTo(3);
    }

    @Test
    void moreDraftsThanCasesIsAUsageError() {
        CommandLine cli = SimulatorCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        // Refused while the settings are made, before anything reaches Kafka (there is none here).
        assertThat(cli.execute("demo", "--cases", "5", "--leave-unsigned=6")).isEqualTo(2);
        assertThat(err.toString()).contains("--leave-unsigned: the drafts left unsigned for the desk must be between 0"
                + " and the 5 cases of the run, got 6");
    }

    private static SimulatorCommand.Demo demo(String... args) {
        CommandLine.ParseResult parsed = SimulatorCommand.commandLine().parseArgs(args);
        return (SimulatorCommand.Demo) parsed.subcommand().commandSpec().userObject();
    }
}
