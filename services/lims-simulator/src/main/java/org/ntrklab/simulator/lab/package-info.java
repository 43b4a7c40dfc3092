/**
 * The domain core of the LIMS simulator: who is referred for an NTRK work-up, what their tumours carry, what
 * the LIMS sends, and how the bench, the instruments and the pathologists answer, with published performance.
 * Plain Java and the generated Avro events only; the Kafka driver that publishes the traffic lives elsewhere.
 *
 * <p>Every number names its source; {@code [D]} marks our own assumptions. docs/lims-simulator.md tabulates the
 * figures with their primary sources. "Domain notes §n" names the section of the NTRK domain reference notes
 * where a figure was collected.
 */
package org.ntrklab.simulator.lab;
