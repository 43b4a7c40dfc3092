/**
 * The domain core of the LIMS simulator: who is referred for an NTRK work-up, what their tumours carry, what
 * the LIMS sends, and how the bench, the instruments and the pathologists answer, with published performance.
 * Plain Java and the generated Avro events only; the Kafka driver that publishes the traffic lives elsewhere.
 *
 * <p>Every number names its source; {@code [D]} marks our own assumptions. "Domain notes §n" refers to the
 * NTRK domain reference notes that accompany DESIGN.md, which give the primary source of each figure.
 */
package org.ntrklab.simulator.lab;
