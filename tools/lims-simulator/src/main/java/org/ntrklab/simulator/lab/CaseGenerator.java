package org.ntrklab.simulator.lab;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.LabellingFlag;
import org.ntrklab.events.Priority;
import org.ntrklab.events.SpecimenDescription;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.events.WorkRequest;
import org.ntrklab.events.WorkRequestType;
import org.ntrklab.simulator.lab.TumourProfile.PartnerShare;

/**
 * Makes the cases of a simulation run. A case depends only on (seed, number, receivedAt), so a driver can
 * recreate any case without keeping state, and two runs with one seed send the same traffic.
 *
 * <p>Receipts carry no names, birth dates or addresses (docs/architecture.md#events): a pseudonymous patientRef,
 * an age in whole years and a synthetic facility name.
 */
public final class CaseGenerator {

    /** Receipts with a LIMS labelling defect, which accessioning rejects [D]. */
    static final double LABELLING_DEFECT_RATE = 0.01;
    /** Receipts the LIMS sends twice [D]. */
    static final double RESENT_RATE = 0.02;
    /** Orders the LIMS cancels after accession [D]. */
    static final double CANCELLED_RATE = 0.005;
    static final double STAT_RATE = 0.05;
    static final double HIGH_SUSPICION_RATE = 0.10;
    /** Requests naming an assay instead of leaving the choice to the algorithm [D]. */
    static final double EXPLICIT_REQUEST_RATE = 0.02;

    private static final long CASE_STREAM = 1;
    private static final long BENCH_STREAM = 2;
    private static final long PATIENT_STREAM = 3;
    private static final List<String> FACILITIES = List.of("Synthetic General Hospital", "Northside Cancer Centre",
            "Lakeview University Hospital", "Harbour District Hospital");
    private static final String CHILDRENS_FACILITY = "Synthetic Children's Hospital";

    private final long seed;
    private final ReferralMix mix;
    private final String seedTag;

    public CaseGenerator(long seed, ReferralMix mix) {
        this(seed, mix, "");
    }

    /**
     * @param runTag added to every specimen and order id (not to the cases' content), so that a second run
     *     with the same seed against the same installation sends new specimens instead of repeats
     */
    public CaseGenerator(long seed, ReferralMix mix, String runTag) {
        this.seed = seed;
        this.mix = Objects.requireNonNull(mix, "mix");
        String tag = String.format(Locale.ROOT, "%08X", Draws.mix(seed) >>> 32);
        this.seedTag = runTag == null || runTag.isEmpty() ? tag : tag + "-" + runTag;
    }

    /** Case {@code number} received at {@code receivedAt}: the same seed, number and time always give the same case. */
    public SimulatedCase generate(int number, Instant receivedAt) {
        if (number < 0) {
            throw new IllegalArgumentException("case numbers start at 0, got " + number);
        }
        // Avro keeps milliseconds: a case must look the same after a round trip through Kafka.
        Instant received = receivedAt.truncatedTo(ChronoUnit.MILLIS);
        Random random = new Random(Draws.mix(seed, number, CASE_STREAM));
        Draws d = Draws.over(random);
        TumourProfile tumour = mix.pick(random);
        FusionTruth fusion = d.chance(tumour.fusionPrevalence())
                ? d.pick(tumour.partners(), PartnerShare::share).fusion() : null;
        int age = d.uniformInt(tumour.ages().minYears(), tumour.ages().maxYears());
        SpecimenDescription specimen = SpecimenCollection.draw(d, tumour, age, received);
        SpecimenQuality quality = NucleicAcidQuality.draw(d, specimen,
                SimulatedCase.years(specimen.getCollectedAt(), received));

        boolean rejected = d.chance(LABELLING_DEFECT_RATE);
        List<LabellingFlag> flags = rejected
                ? List.of(LabellingFlag.values()[d.uniformInt(0, LabellingFlag.values().length - 1)]) : List.of();
        boolean resent = d.chance(RESENT_RATE);
        boolean cancelled = !rejected && d.chance(CANCELLED_RATE);
        Priority priority = d.chance(STAT_RATE) ? Priority.STAT : Priority.ROUTINE;
        ClinicalSuspicion suspicion = d.chance(HIGH_SUSPICION_RATE) ? ClinicalSuspicion.HIGH
                : ClinicalSuspicion.STANDARD;
        boolean plasma = specimen.getSpecimenType() == SpecimenType.PLASMA_CFDNA_TUBE;
        WorkRequest request = d.chance(EXPLICIT_REQUEST_RATE) ? explicit(plasma) : workUp();
        String facility = tumour.paediatric() ? CHILDRENS_FACILITY
                : FACILITIES.get(d.uniformInt(0, FACILITIES.size() - 1));

        SpecimenReceived receipt = SpecimenReceived.newBuilder()
                .setOrderId("ORD-" + seedTag + "-" + number)
                .setPatientRef(String.format(Locale.ROOT, "PSN-%012X", Draws.mix(seed, number, PATIENT_STREAM) >>> 16))
                .setAgeYears(age)
                .setOrderingFacility(facility)
                .setTumourType(tumour.tumourType())
                .setSpecimen(specimen)
                .setWorkRequest(request)
                .setPriority(priority)
                .setClinicalSuspicion(suspicion)
                .setPriorOutsideResults(List.of())
                .setLabellingFlags(flags)
                .build();
        return new SimulatedCase(number, specimenId(number), receipt, tumour, fusion,
                rejected ? IntakeExpectation.REJECTED : IntakeExpectation.ACCEPTED, resent, cancelled, quality,
                Draws.mix(seed, number, BENCH_STREAM));
    }

    /** SIM-&lt;seed tag&gt;[-&lt;run tag&gt;]-&lt;number&gt;: unique per seed, run and number. */
    public String specimenId(int number) {
        return "SIM-" + seedTag + "-" + number;
    }

    private static WorkRequest workUp() {
        return WorkRequest.newBuilder().setType(WorkRequestType.NTRK_FUSION_WORKUP).setAssays(List.of()).build();
    }

    /** An explicit request for the method a clinician would name: RNA-NGS on tissue, cfDNA on plasma. */
    private static WorkRequest explicit(boolean plasma) {
        return WorkRequest.newBuilder().setType(WorkRequestType.EXPLICIT_ASSAYS)
                .setAssays(List.of(plasma ? AssayType.CFDNA_NGS : AssayType.RNA_NGS)).build();
    }
}
