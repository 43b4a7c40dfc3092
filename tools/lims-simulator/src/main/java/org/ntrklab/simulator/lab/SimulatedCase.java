package org.ntrklab.simulator.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.SpecimenType;

/**
 * One simulated case: the receipt the LIMS sends and the truth behind it. Deterministic in (seed, number,
 * receivedAt), see {@link CaseGenerator}.
 *
 * @param fusion what the tumour carries; null when it carries no NTRK fusion
 * @param resentByLims the LIMS sends the same receipt twice (accessioning must accession it once)
 * @param cancelledAfterAccession the LIMS cancels the order after the specimen is accessioned
 * @param benchSeed seed of every bench and instrument draw for this case
 */
public record SimulatedCase(int number, String specimenId, SpecimenReceived receipt, TumourProfile tumour,
        FusionTruth fusion, IntakeExpectation intake, boolean resentByLims, boolean cancelledAfterAccession,
        SpecimenQuality quality, long benchSeed) {

    private static final double DAYS_PER_YEAR = 365.25;

    public SimulatedCase {
        Objects.requireNonNull(specimenId, "specimenId");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(tumour, "tumour");
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(quality, "quality");
    }

    public boolean fusionPresent() {
        return fusion != null;
    }

    /** Lab receipt: the case turnaround clock starts here. */
    public Instant receivedAt() {
        return receipt.getSpecimen().getReceivedAt();
    }

    public boolean plasma() {
        return specimenType() == SpecimenType.PLASMA_CFDNA_TUBE;
    }

    public SpecimenType specimenType() {
        return receipt.getSpecimen().getSpecimenType();
    }

    public Decalcification decalcification() {
        return receipt.getSpecimen().getDecalcification();
    }

    /** Time from collection to lab receipt, in years: the age of an archival block. */
    public double blockAgeYears() {
        return years(receipt.getSpecimen().getCollectedAt(), receivedAt());
    }

    /** Days from collection to lab receipt: the age of a blood tube. */
    public double daysSinceCollection() {
        return Duration.between(receipt.getSpecimen().getCollectedAt(), receivedAt()).toMillis() / 86_400_000.0;
    }

    static double years(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / (DAYS_PER_YEAR * 86_400_000.0);
    }
}
