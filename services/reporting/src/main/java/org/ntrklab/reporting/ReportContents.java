package org.ntrklab.reporting;

import org.ntrklab.events.AssaySummary;
import org.ntrklab.events.QcLimitation;
import org.ntrklab.events.ReportContent;
import org.ntrklab.events.ReportedFusion;
import org.ntrklab.events.TumourType;
import org.ntrklab.reporting.report.ReportBody;

/** A report body as ntrk.reports' ReportContent. */
public final class ReportContents {

    private ReportContents() {
    }

    public static ReportContent of(ReportBody body) {
        return ReportContent.newBuilder()
                .setOrderId(body.orderId())
                .setSpecimenId(body.specimenId())
                .setPatientRef(body.patientRef())
                .setTumourType(TumourType.newBuilder().setOncoTreeCode(body.tumourCode()).setText(body.tumourText())
                        .build())
                .setOverallCall(body.overallCall())
                .setFusions(body.fusions().stream().map(f -> ReportedFusion.newBuilder()
                        .setHgncName(f.hgncName()).setDescription(f.description()).setNtrkGene(f.ntrkGene())
                        .setFivePrimeGene(f.fivePrimeGene()).setThreePrimeGene(f.threePrimeGene())
                        .setFivePrimeExon(f.fivePrimeExon()).setThreePrimeExon(f.threePrimeExon())
                        .setInFrame(f.inFrame()).setKinaseDomainRetained(f.kinaseDomainRetained()).setTier(f.tier())
                        .setDetectedBy(f.detectedBy()).build()).toList())
                .setAssays(body.assays().stream().map(a -> AssaySummary.newBuilder().setOrderId(a.orderId())
                        .setAssay(a.assay()).setState(a.state()).setInterpretation(a.interpretation()).build()).toList())
                .setConcordance(body.concordance())
                .setLimitations(body.limitations())
                .setInterpretation(body.interpretation())
                .setQcLimitations(body.qcLimitations().stream().map(q -> QcLimitation.newBuilder()
                        .setOrderId(q.orderId()).setAssay(q.assay()).setRuleId(q.ruleId()).setMetric(q.metric())
                        .setMeasuredValue(q.measuredValue()).setMeasuredCategory(q.measuredCategory())
                        .setThresholdValue(q.thresholdValue()).setThreshold(q.threshold()).setVerdict(q.verdict())
                        .setRuleSetVersion(q.ruleSetVersion()).setStatement(q.statement()).build()).toList())
                .setRuleSetVersion(body.ruleSetVersion())
                .build();
    }
}
