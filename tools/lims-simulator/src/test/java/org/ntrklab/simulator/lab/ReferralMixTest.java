package org.ntrklab.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.simulator.lab.TumourProfile.PartnerShare;

class ReferralMixTest {

    private final ReferralMix mix = ReferralMix.standard();

    @Test
    @DisplayName("Every row cites its source; shares sum to 1; the published prevalences are the table's")
    void table() {
        assertThat(mix.profiles().stream().mapToDouble(TumourProfile::referralShare).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(mix.profiles()).allSatisfy(p -> assertThat(p.source()).isNotBlank());
        // Meta-analysis PMC7758559; RNA-NGS series of 19,591 samples (docs/lims-simulator.md); Westphalen 2021.
        Map<String, Double> published = Map.ofEntries(Map.entry("LUAD", 0.0017), Map.entry("COADREAD", 0.0026),
                Map.entry("IDC", 0.0060), Map.entry("JSCB", 0.9287), Map.entry("IFS", 0.9056),
                Map.entry("CMN", 0.2152), Map.entry("GB", 0.0191), Map.entry("SKCM", 0.0031),
                Map.entry("SIC", 0.0132), Map.entry("HNSC", 0.0095), Map.entry("UEC", 0.0019),
                Map.entry("PDIFLG", 0.0134));
        published.forEach((code, prevalence) ->
                assertThat(Cases.profile(code).fusionPrevalence()).as(code).isEqualTo(prevalence));
        assertThat(Cases.profile("HNMASC").fusionPrevalence()).isGreaterThanOrEqualTo(0.90);
        for (String code : List.of("THPA", "SARCNOS", "OS", "PAAD", "CHOL")) {
            assertThat(Cases.profile(code)).isNotNull();
        }
    }

    @Test
    @DisplayName("IHC specificity per tumour type is Solomon et al. 2020, Table 3")
    void ihcSpecificity() {
        Map<String, Double> solomon = Map.of("LUAD", 1.0, "COADREAD", 1.0, "THPA", 1.0, "PAAD", 1.0, "CHOL", 1.0,
                "IDC", 0.821, "HNMASC", 0.52, "SARCNOS", 0.744, "GB", 0.208, "SKCM", 0.811);
        solomon.forEach((code, specificity) ->
                assertThat(Cases.profile(code).ihcSpecificity()).as(code).isEqualTo(specificity));
    }

    @Test
    @DisplayName("Partners by type (docs/lims-simulator.md): ETV6::NTRK3 in secretory carcinoma, IFS and CMN;"
            + " NTRK2 in glioma")
    void partners() {
        for (String code : List.of("JSCB", "HNMASC", "IFS", "CMN")) {
            assertThat(Cases.profile(code).partners()).extracting(PartnerShare::fusion)
                    .containsExactly(FusionPartners.ETV6_NTRK3);
        }
        assertThat(Cases.profile("PDIFLG").partners()).allSatisfy(
                p -> assertThat(p.fusion().ntrkGene()).isEqualTo(NtrkGene.NTRK2));
        assertThat(Cases.profile("COADREAD").partners()).extracting(PartnerShare::fusion)
                .contains(FusionPartners.TPM3_NTRK1, FusionPartners.LMNA_NTRK1);
        assertThat(FusionPartners.ETV6_NTRK3.hgncName()).isEqualTo("ETV6::NTRK3");
        assertThat(FusionPartners.ETV6_NTRK3.description()).isEqualTo("ETV6 exon 5 :: NTRK3 exon 15");
        assertThat(FusionPartners.LMNA_NTRK1.description()).isEqualTo("LMNA exon 2 :: NTRK1 exon 11");
        for (TumourProfile p : mix.profiles()) {
            if (!p.partners().isEmpty()) {
                assertThat(p.partners().stream().mapToDouble(PartnerShare::share).sum()).as(p.oncoTreeCode())
                        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    @DisplayName("Picks follow the referral shares")
    void pick() {
        Random random = new Random(5);
        Map<String, Integer> counts = new HashMap<>();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts.merge(mix.pick(random).oncoTreeCode(), 1, Integer::sum);
        }
        for (TumourProfile p : mix.profiles()) {
            double sd = Math.sqrt(p.referralShare() * (1 - p.referralShare()) / n);
            assertThat(counts.get(p.oncoTreeCode()) / (double) n).as(p.oncoTreeCode())
                    .isCloseTo(p.referralShare(), org.assertj.core.data.Offset.offset(5 * sd));
        }
    }

    @Test
    @DisplayName("Over 20,000 cases the fusion prevalence per tumour type is within 4 SD of the table")
    void prevalencePerProfile() {
        List<SimulatedCase> cases = Cases.generate(99, 20_000);
        for (TumourProfile p : mix.profiles()) {
            List<SimulatedCase> ofType = cases.stream().filter(c -> c.tumour().equals(p)).toList();
            assertThat(ofType).as(p.oncoTreeCode()).hasSizeGreaterThan(100);
            double observed = ofType.stream().filter(SimulatedCase::fusionPresent).count() / (double) ofType.size();
            double sd = Math.sqrt(p.fusionPrevalence() * (1 - p.fusionPrevalence()) / ofType.size());
            assertThat(observed).as(p.oncoTreeCode())
                    .isCloseTo(p.fusionPrevalence(), org.assertj.core.data.Offset.offset(4 * sd + 1.0 / ofType.size()));
            // The fusion drawn is always one of the type's partners.
            ofType.stream().filter(SimulatedCase::fusionPresent).forEach(c -> assertThat(p.partners())
                    .extracting(PartnerShare::fusion).contains(c.fusion()));
        }
    }

    @Test
    @DisplayName("A 300-case run has about 15-30 fusion-positive cases (an enriched referral mix)")
    void positivesIn300() {
        assertThat(300 * mix.expectedFusionRate()).isBetween(15.0, 30.0);
        int total = 0;
        for (long seed = 1; seed <= 20; seed++) {
            long positives = Cases.generate(seed, 300).stream().filter(SimulatedCase::fusionPresent).count();
            // Binomial(300, ~7.5%): SD about 4.6, so 10-36 is more than 2.5 SD either side.
            assertThat(positives).as("seed " + seed).isBetween(10L, 36L);
            total += positives;
        }
        assertThat(total / 20.0).isBetween(18.0, 27.0);
    }
}
