package org.ntrklab.accessioning;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.SpecimenType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accessioning settings, under {@code ntrk.accessioning}.
 *
 * @param accessionPrefix capital letters that start every accession number (e.g. NT gives NT26-03-000123)
 * @param clockSkew how far a collection or receipt time may lie after the LIMS event's own time before
 *     the specimen is rejected as dated in the future
 * @param assaySpecimenTypes replaces the specimen types an assay may run on, per assay, for a lab that has
 *     validated other material (e.g. {@code PAN_TRK_IHC: FFPE_BLOCK, FFPE_SLIDES}); unlisted assays keep the
 *     defaults
 * @param idleRetention how long a specimen's ledger entry is kept after its last change; a LIMS resend
 *     after that is judged as a new receipt
 * @param housekeepingInterval how often entries past their retention are forgotten
 */
@ConfigurationProperties("ntrk.accessioning")
public record AccessioningProperties(@DefaultValue("NT") String accessionPrefix,
        @DefaultValue("5m") Duration clockSkew, Map<AssayType, Set<SpecimenType>> assaySpecimenTypes,
        @DefaultValue("400d") Duration idleRetention, @DefaultValue("1h") Duration housekeepingInterval) {

    public AccessioningProperties {
        assaySpecimenTypes = assaySpecimenTypes == null ? Map.of() : Map.copyOf(assaySpecimenTypes);
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("ntrk.accessioning.clock-skew must not be negative, got " + clockSkew);
        }
    }
}
