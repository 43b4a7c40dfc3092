package org.ntrklab.simulator;

/** Placeholder replaced by the command line. */
public final class SimulatorCommand {
    public static void main(String[] args) {
    }
}
