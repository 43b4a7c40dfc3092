package org.ntrklab.labstack;

import org.ntrklab.accessioning.AccessioningApplication;
import org.ntrklab.assaytracking.AssayTrackingApplication;
import org.ntrklab.platform.catalogue.ServiceCatalogue;
import org.ntrklab.reflex.ReflexApplication;
import org.ntrklab.reporting.ReportingApplication;
import org.ntrklab.sampleqc.SampleQcApplication;
import org.ntrklab.tatmetrics.TatMetricsApplication;

/**
 * The six services of the lab stack, in the order they start, with their main REST resource; name and default
 * port are the service catalogue's.
 */
enum LabService {

    ACCESSIONING(ServiceCatalogue.ACCESSIONING, AccessioningApplication.class, "/accessions/{accessionId}"),
    SAMPLE_QC(ServiceCatalogue.SAMPLE_QC, SampleQcApplication.class, "/qc/accessions/{accessionId}"),
    ASSAY_TRACKING(ServiceCatalogue.ASSAY_TRACKING, AssayTrackingApplication.class, "/assays/accessions/{accessionId}"),
    REFLEX(ServiceCatalogue.REFLEX, ReflexApplication.class, "/reflex/accessions/{accessionId}"),
    REPORTING(ServiceCatalogue.REPORTING, ReportingApplication.class, "/reports/{accessionId}"),
    TAT_METRICS(ServiceCatalogue.TAT_METRICS, TatMetricsApplication.class, "/tat/summary");

    final ServiceCatalogue catalogue;
    final String serviceName;
    final Class<?> application;
    final String restPath;

    LabService(ServiceCatalogue catalogue, Class<?> application, String restPath) {
        this.catalogue = catalogue;
        this.serviceName = catalogue.serviceName();
        this.application = application;
        this.restPath = restPath;
    }
}
