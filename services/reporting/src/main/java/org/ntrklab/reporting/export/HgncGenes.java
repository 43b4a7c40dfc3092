package org.ntrklab.reporting.export;

import java.util.Map;
import java.util.Optional;

/**
 * HGNC identifiers (https://www.genenames.org) of the gene symbols the exporters code. Only verified ids are
 * listed; any other symbol has no id here and is exported as text only, never with a guessed id.
 */
public final class HgncGenes {

    /** The code system URI the HL7 Genomics Reporting IG uses for HGNC gene ids. */
    public static final String SYSTEM = "http://www.genenames.org/geneId";

    private static final Map<String, String> IDS = Map.of(
            "NTRK1", "HGNC:8031",
            "NTRK2", "HGNC:8032",
            "NTRK3", "HGNC:8033",
            "ETV6", "HGNC:3495",
            "TPM3", "HGNC:12012",
            "LMNA", "HGNC:6636");

    private HgncGenes() {
    }

    /** The HGNC id (e.g. {@code HGNC:8033}) of an approved gene symbol, or empty when it is not listed. */
    public static Optional<String> idOf(String symbol) {
        if (symbol == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(IDS.get(symbol.strip()));
    }
}
