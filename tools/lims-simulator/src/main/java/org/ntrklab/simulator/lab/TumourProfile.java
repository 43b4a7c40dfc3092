package org.ntrklab.simulator.lab;

import java.util.List;
import java.util.Objects;
import org.ntrklab.events.TumourType;

/**
 * One tumour type of the referral mix, with the published numbers the simulation draws from.
 *
 * @param oncoTreeCode the code the LIMS sends; reflex routes by it
 * @param referralShare share of the lab's NTRK work-up referrals (the mix is enriched for high-prevalence
 *     types, which clinicians send on purpose)
 * @param fusionPrevalence probability that a tumour of this type carries an NTRK fusion
 * @param partners which fusion a positive tumour carries, by share
 * @param ihcSpecificity pan-TRK IHC specificity in this tumour type (Solomon et al., Mod Pathol 2020, Table 3)
 * @param ages age at collection, in whole years
 * @param plasmaShare share of this type's referrals sent as plasma for cfDNA (adult carcinomas only)
 * @param decalcifiedShare share of tissue specimens decalcified (bone biopsies)
 * @param source where the numbers of this row come from; [D] marks our own assumptions
 */
public record TumourProfile(String oncoTreeCode, String text, double referralShare, double fusionPrevalence,
        List<PartnerShare> partners, double ihcSpecificity, AgeBand ages, double plasmaShare,
        double decalcifiedShare, String source) {

    /** Ages at collection, whole years, both ends included. */
    public record AgeBand(int minYears, int maxYears) {
        public AgeBand {
            if (minYears < 0 || maxYears < minYears) {
                throw new IllegalArgumentException("age band " + minYears + "-" + maxYears);
            }
        }
    }

    /** One fusion of a tumour type's partner mix. */
    public record PartnerShare(FusionTruth fusion, double share) {
        public PartnerShare {
            Objects.requireNonNull(fusion, "fusion");
            probability(share, "partner share");
        }
    }

    public TumourProfile {
        Objects.requireNonNull(oncoTreeCode, "oncoTreeCode");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ages, "ages");
        Objects.requireNonNull(source, "source");
        probability(referralShare, "referral share");
        probability(fusionPrevalence, "fusion prevalence");
        probability(ihcSpecificity, "IHC specificity");
        probability(plasmaShare, "plasma share");
        probability(decalcifiedShare, "decalcified share");
        partners = List.copyOf(partners);
        if (fusionPrevalence > 0 && partners.isEmpty()) {
            throw new IllegalArgumentException(oncoTreeCode + ": a type with fusions needs a partner mix");
        }
    }

    /** The tumour type as the LIMS codes it. */
    public TumourType tumourType() {
        return TumourType.newBuilder().setOncoTreeCode(oncoTreeCode).setText(text).build();
    }

    /** Every patient of this type is a child (reflex's paediatric route is age < 18, Westphalen 2021). */
    public boolean paediatric() {
        return ages.maxYears() < 18;
    }

    private static void probability(double value, String what) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " " + value + " is not a probability");
        }
    }
}
