package org.ntrklab.reflex.rules;

/** The initial route a tumour type takes in an NTRK work-up of tissue (docs/clinical-rules.md#pre-test). */
public enum TumourRoute {
    /** NTRK fusions highly recurrent: direct molecular testing, no IHC screen. */
    HIGH_PREVALENCE,
    /** Pan-TRK IHC unreliable (low specificity): RNA-NGS directly. */
    IHC_UNRELIABLE,
    /** Common tumour types with rare fusions: pan-TRK IHC screen first. Listed so they do not count as unknown. */
    IHC_SCREEN
}
