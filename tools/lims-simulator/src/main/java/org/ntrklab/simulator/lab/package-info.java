/**
 * The domain core of the LIMS simulator: who is referred for an NTRK work-up, what their tumours carry, what
 * the LIMS sends, and how the bench, the instruments and the pathologists answer, with published performance.
 * Plain Java and the generated Avro events only; the Kafka driver that publishes the traffic lives elsewhere.
 *
 * <p>Every number names its source; {@code [D]} marks our own assumptions and {@code [U]} a statement not yet
 * checked against a published source. docs/lims-simulator.md tabulates the figures with their primary sources.
 */
package org.ntrklab.simulator.lab;
