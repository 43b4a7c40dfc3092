package org.ntrklab.labstack;

import org.ntrklab.accessioning.AccessioningApplication;
import org.ntrklab.assaytracking.AssayTrackingApplication;
import org.ntrklab.reflex.ReflexApplication;
import org.ntrklab.reporting.ReportingApplication;
import org.ntrklab.sampleqc.SampleQcApplication;
import org.ntrklab.tatmetrics.TatMetricsApplication;

/** The six services of the lab stack, in the order they start, with their default ports and main REST resource. */
enum LabService {

    ACCESSIONING("accessioning", AccessioningApplication.class, 8181, "/accessions/{accessionId}"),
    SAMPLE_QC("sample-qc", SampleQcApplication.class, 8182, "/qc/accessions/{accessionId}"),
    ASSAY_TRACKING("assay-tracking", AssayTrackingApplication.class, 8183, "/assays/accessions/{accessionId}"),
    REFLEX("reflex", ReflexApplication.class, 8184, "/reflex/accessions/{accessionId}"),
    REPORTING("reporting", ReportingApplication.class, 8185, "/reports/{accessionId}"),
    TAT_METRICS("tat-metrics", TatMetricsApplication.class, 8186, "/tat/summary");

    final String serviceName;
    final Class<?> application;
    final int defaultPort;
    final String restPath;

    LabService(String serviceName, Class<?> application, int defaultPort, String restPath) {
        this.serviceName = serviceName;
        this.application = application;
        this.defaultPort = defaultPort;
        this.restPath = restPath;
    }
}
