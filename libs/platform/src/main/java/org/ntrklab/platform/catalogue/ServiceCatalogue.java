package org.ntrklab.platform.catalogue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ntrklab.platform.access.KafkaAccessPolicy;

/**
 * The service catalogue: every program of the lab that listens on HTTP, with its name and default port,
 * declared here and nowhere else in code. The services take their default port and name from it, and the
 * lab stack lays out its ports by it. Files that cannot read Java (Dockerfiles, docker-compose.yml, the
 * Kubernetes manifests, the Prometheus configurations and alert-rule tests) repeat the values and are checked
 * against this class by a test (tests/pipeline-tests, SettingsSourceTest).
 *
 * <p>A service's name is also its Compose service, its Kubernetes Deployment and Service, its Prometheus job
 * and, for the Kafka Streams services, its Kafka principal and application id ({@link KafkaAccessPolicy}
 * names those six, in pipeline order; this catalogue adds what they listen on).
 *
 * <p>The lab stack moves every port by the same amount when told another first port, so the six services
 * keep consecutive ports in pipeline order, with the desk just after them and the identity provider just
 * before.
 */
public enum ServiceCatalogue {

    ACCESSIONING(KafkaAccessPolicy.ACCESSIONING, 8181, Kind.KAFKA_STREAMS),
    SAMPLE_QC(KafkaAccessPolicy.SAMPLE_QC, 8182, Kind.KAFKA_STREAMS),
    ASSAY_TRACKING(KafkaAccessPolicy.ASSAY_TRACKING, 8183, Kind.KAFKA_STREAMS),
    REFLEX(KafkaAccessPolicy.REFLEX, 8184, Kind.KAFKA_STREAMS),
    REPORTING(KafkaAccessPolicy.REPORTING, 8185, Kind.KAFKA_STREAMS),
    TAT_METRICS(KafkaAccessPolicy.TAT_METRICS, 8186, Kind.KAFKA_STREAMS),
    /** The pathologists' sign-out desk. */
    DESK("desk", 8187, Kind.WEB_APPLICATION),
    /** The identity provider the lab stack runs; elsewhere the hospital's own takes its place. */
    IDENTITY_PROVIDER("identity", 8180, Kind.LAB_STACK_ONLY);

    /** What kind of program an entry is, which says where it runs and what it serves. */
    public enum Kind {
        /**
         * One of the six Kafka Streams services: signs in to Kafka under its name, serves metrics at
         * {@link #METRICS_PATH}, runs in the lab stack, Compose and Kubernetes.
         */
        KAFKA_STREAMS,
        /** A web application for people: runs in the lab stack, Compose and Kubernetes; no Kafka, no metrics. */
        WEB_APPLICATION,
        /** Part of the lab stack only. */
        LAB_STACK_ONLY
    }

    /** Where Prometheus scrapes a Kafka Streams service. */
    public static final String METRICS_PATH = "/actuator/prometheus";
    /** The health groups the container health checks and the Kubernetes probes ask. */
    public static final String LIVENESS_PATH = "/actuator/health/liveness";
    public static final String READINESS_PATH = "/actuator/health/readiness";

    private final String serviceName;
    private final int port;
    private final Kind kind;

    ServiceCatalogue(String serviceName, int port, Kind kind) {
        this.serviceName = serviceName;
        this.port = port;
        this.kind = kind;
    }

    public String serviceName() {
        return serviceName;
    }

    /** The HTTP port it listens on unless told otherwise ({@code server.port}). */
    public int port() {
        return port;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether Compose and Kubernetes run it (and its image is built from {@code services/<name>}). */
    public boolean deployed() {
        return kind != Kind.LAB_STACK_ONLY;
    }

    /**
     * What a service application takes from the catalogue when nothing else sets it: its port and name and,
     * for a Kafka Streams service, its {@code ntrk.service-name} (application id and consumer group).
     */
    public Map<String, Object> defaultProperties() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("server.port", port);
        defaults.put("spring.application.name", serviceName);
        if (kind == Kind.KAFKA_STREAMS) {
            defaults.put("ntrk.service-name", serviceName);
        }
        return defaults;
    }

    /** The six Kafka Streams services, in pipeline order. */
    public static List<ServiceCatalogue> kafkaStreamsServices() {
        return ofKind(Kind.KAFKA_STREAMS);
    }

    /** Everything Compose and Kubernetes run: the six services and the desk. */
    public static List<ServiceCatalogue> deployables() {
        return Arrays.stream(values()).filter(ServiceCatalogue::deployed).toList();
    }

    public static List<ServiceCatalogue> ofKind(Kind kind) {
        return Arrays.stream(values()).filter(s -> s.kind == kind).toList();
    }

    /** The entry of that name. */
    public static ServiceCatalogue named(String serviceName) {
        return Arrays.stream(values()).filter(s -> s.serviceName.equals(serviceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such service: " + serviceName + "; the "
                        + "catalogue has " + Arrays.stream(values()).map(ServiceCatalogue::serviceName).toList()));
    }
}
