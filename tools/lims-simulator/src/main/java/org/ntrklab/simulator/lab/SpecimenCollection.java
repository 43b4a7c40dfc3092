package org.ntrklab.simulator.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.Fixative;
import org.ntrklab.events.SpecimenDescription;
import org.ntrklab.events.SpecimenType;

/**
 * How the specimen was collected and processed before it reached the lab: type, collection time, fixation,
 * decalcification and blood tube. Shares are our assumptions [D] unless a source is named.
 */
final class SpecimenCollection {

    private record Share<T>(T value, double weight) {
    }

    /** Tissue specimen types: mostly blocks, some slides and cytology cell blocks, a few fresh-frozen [D]. */
    private static final List<Share<SpecimenType>> TISSUE_TYPES = List.of(
            new Share<>(SpecimenType.FFPE_BLOCK, 0.65), new Share<>(SpecimenType.FFPE_SLIDES, 0.22),
            new Share<>(SpecimenType.CYTOLOGY_CELL_BLOCK, 0.09), new Share<>(SpecimenType.FRESH_FROZEN, 0.04));
    /** Share of FFPE blocks and slides that are archival (months to years old) rather than recent [D]. */
    static final double ARCHIVAL_SHARE = 0.20;
    /** Streck cfDNA BCT for most plasma: cfDNA assays validate it (Guardant360 CDx) [D share]. */
    static final double STRECK_SHARE = 0.80;
    /** Decalcification whose kind the LIMS does not state [D]. */
    static final double UNKNOWN_DECALCIFICATION = 0.005;

    private SpecimenCollection() {
    }

    static SpecimenDescription draw(Draws d, TumourProfile tumour, int ageYears, Instant receivedAt) {
        if (d.chance(tumour.plasmaShare())) {
            return plasma(d, receivedAt);
        }
        SpecimenType type = d.pick(TISSUE_TYPES, Share::weight).value();
        if (type == SpecimenType.CYTOLOGY_CELL_BLOCK && ageYears < 18) {
            // Fine-needle cytology is an adult work-up in this mix; children's tumours come as resections or cores.
            type = SpecimenType.FFPE_BLOCK;
        }
        SpecimenDescription.Builder s = SpecimenDescription.newBuilder().setSpecimenType(type)
                .setReceivedAt(receivedAt).setBloodTubeType(null)
                .setCollectedAt(receivedAt.minus(collectionAge(d, type, ageYears)));
        if (type == SpecimenType.FRESH_FROZEN) {
            return s.setFixative(Fixative.NONE).setFixationHours(null).setDecalcification(Decalcification.NONE).build();
        }
        fixation(d, s, type);
        // Cytology has no bone to decalcify.
        s.setDecalcification(type == SpecimenType.CYTOLOGY_CELL_BLOCK ? Decalcification.NONE
                : decalcification(d, tumour));
        return s.build();
    }

    /** Plasma in a blood tube, drawn 1-4 days before receipt [D]; no fixation, nothing to decalcify. */
    private static SpecimenDescription plasma(Draws d, Instant receivedAt) {
        BloodTubeType tube = d.chance(STRECK_SHARE) ? BloodTubeType.STRECK_BCT : BloodTubeType.K2EDTA;
        Duration tubeAge = Duration.ofMinutes(Math.round(d.uniform(1, 4) * 24 * 60));
        return SpecimenDescription.newBuilder().setSpecimenType(SpecimenType.PLASMA_CFDNA_TUBE)
                .setCollectedAt(receivedAt.minus(tubeAge)).setReceivedAt(receivedAt)
                .setFixative(Fixative.NONE).setFixationHours(null).setDecalcification(Decalcification.NONE)
                .setBloodTubeType(tube).build();
    }

    /**
     * Recent tissue reaches the lab 2-21 days after surgery or biopsy [D]; archival adult blocks are
     * 0.2-2 years old (60%), 2-5 years (30%) or 5-12 years (10%) [D], so a few pass sample-qc's 3-year caveat
     * and 10-year limit (NIH CCR; Japanese Society of Pathology). Children's blocks are recent.
     */
    private static Duration collectionAge(Draws d, SpecimenType type, int ageYears) {
        boolean archivalKind = type == SpecimenType.FFPE_BLOCK || type == SpecimenType.FFPE_SLIDES;
        if (archivalKind && ageYears >= 18 && d.chance(ARCHIVAL_SHARE)) {
            double u = d.uniform(0, 1);
            double years = u < 0.6 ? d.uniform(0.2, 2) : u < 0.9 ? d.uniform(2, 5) : d.uniform(5, 12);
            return Duration.ofHours(Math.round(years * 365.25 * 24));
        }
        return Duration.ofMinutes(Math.round(d.uniform(2, 21) * 24 * 60));
    }

    /**
     * Neutral buffered formalin for 6-72 h (the FoundationOne CDx specimen instruction), median about 20 h [D];
     * cytology cell blocks are often alcohol-fixed first [D]; a few LIMS records do not state the fixative [D].
     */
    private static void fixation(Draws d, SpecimenDescription.Builder s, SpecimenType type) {
        if (type == SpecimenType.CYTOLOGY_CELL_BLOCK && d.chance(0.4)) {
            s.setFixative(Fixative.ALCOHOL_BASED).setFixationHours(Draws.round1(d.uniform(1, 24)));
        } else if (d.chance(0.02)) {
            s.setFixative(Fixative.UNKNOWN).setFixationHours(null);
        } else {
            s.setFixative(Fixative.NEUTRAL_BUFFERED_FORMALIN)
                    .setFixationHours(Draws.round1(Draws.clamp(d.logNormal(20, 0.5), 6, 72)));
        }
    }

    /** Bone specimens are decalcified, half in acid, half in EDTA [D]. */
    private static Decalcification decalcification(Draws d, TumourProfile tumour) {
        if (d.chance(tumour.decalcifiedShare())) {
            return d.chance(0.5) ? Decalcification.ACID : Decalcification.EDTA;
        }
        return d.chance(UNKNOWN_DECALCIFICATION) ? Decalcification.UNKNOWN : Decalcification.NONE;
    }
}
