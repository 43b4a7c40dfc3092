package org.ntrklab.platform.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;

/**
 * Who may do what on the broker, derived from the topic catalogue: the one source for the ACLs the lab
 * stack and the test kit set and for the Kubernetes KafkaUsers, which a test checks against it.
 *
 * <ul>
 * <li>Each {@code ntrk.*} topic has one writer: the service that produces it.</li>
 * <li>A service reads only its inputs, writes its outputs and the dead-letter topics of its inputs and of
 * itself, and owns what Kafka Streams needs under its application id (internal topics, consumer group,
 * transactional ids).</li>
 * <li>The LIMS writes only {@code lims.specimen-events}, the bench only {@code lab.qc-measurements},
 * instruments only {@code lab.assay-runs}; a report consumer only reads {@code ntrk.reports}.</li>
 * <li>Only the operator reads dead-letter topics; to re-drive, it writes the lab's input topics that come
 * from outside (a dead letter of an {@code ntrk.*} topic is re-driven by that topic's writer, never by a
 * person).</li>
 * <li>The lab simulator plays the LIMS, the bench and the instruments, and watches the services' topics to
 * react as a lab would; it never writes a topic a service owns.</li>
 * </ul>
 */
public final class KafkaAccessPolicy {

    public static final String ACCESSIONING = "accessioning";
    public static final String SAMPLE_QC = "sample-qc";
    public static final String ASSAY_TRACKING = "assay-tracking";
    public static final String REFLEX = "reflex";
    public static final String REPORTING = "reporting";
    public static final String TAT_METRICS = "tat-metrics";
    /** The six services, in pipeline order. */
    public static final List<String> SERVICES = List.of(ACCESSIONING, SAMPLE_QC, ASSAY_TRACKING, REFLEX, REPORTING,
            TAT_METRICS);

    public static final String LIMS = "lims";
    public static final String BENCH = "bench";
    public static final String INSTRUMENTS = "instruments";
    public static final String REPORT_CONSUMER = "report-consumer";
    public static final String OPERATOR = "operator";
    public static final String SIMULATOR = "simulator";
    /** Everyone but the services, with the principal names the lab stack gives them. */
    public static final List<String> PEOPLE_AND_SYSTEMS = List.of(LIMS, BENCH, INSTRUMENTS, REPORT_CONSUMER, OPERATOR,
            SIMULATOR);

    /** Prefix of the load benchmark's throw-away raw-Kafka topics. */
    public static final String BENCHMARK_TOPICS = "ntrk-bench.";

    private final Topics topics;

    public KafkaAccessPolicy(Topics topics) {
        this.topics = topics;
    }

    /** The topics a service consumes. */
    public List<TopicSpec<?>> inputs(String service) {
        return switch (service) {
            case ACCESSIONING -> List.of(topics.limsSpecimenEvents());
            case SAMPLE_QC -> List.of(topics.accessions(), topics.qcMeasurements());
            case ASSAY_TRACKING -> List.of(topics.assayRuns(), topics.assayOrders(), topics.qcDecisions(),
                    topics.accessions());
            case REFLEX -> List.of(topics.accessions(), topics.qcDecisions(), topics.assayStatus());
            case REPORTING -> List.of(topics.accessions(), topics.assayOrders(), topics.assayStatus(),
                    topics.qcDecisions(), topics.reportCommands());
            case TAT_METRICS -> List.of(topics.accessions(), topics.qcDecisions(), topics.assayOrders(),
                    topics.assayStatus(), topics.reports());
            default -> throw unknown(service);
        };
    }

    /**
     * The topics a service produces. Reporting also writes lab.report-commands: its REST API puts each
     * authenticated pathologist's command there, which is why no person or other system may.
     */
    public List<TopicSpec<?>> outputs(String service) {
        return switch (service) {
            case ACCESSIONING -> List.of(topics.accessions());
            case SAMPLE_QC -> List.of(topics.qcDecisions());
            case ASSAY_TRACKING -> List.of(topics.assayStatus());
            case REFLEX -> List.of(topics.assayOrders());
            case REPORTING -> List.of(topics.reports(), topics.reportCommands());
            case TAT_METRICS -> List.of(topics.turnaround());
            default -> throw unknown(service);
        };
    }

    /**
     * A service's ACLs.
     *
     * @param service one of {@link #SERVICES}
     * @param principal the Kafka user it signs in as
     * @param applicationId its Kafka Streams application id ({@code ntrk.service-name})
     */
    public List<AclBinding> service(String service, String principal, String applicationId) {
        Grants g = new Grants(principal);
        inputs(service).forEach(t -> g.topic(t.name(), AclOperation.READ));
        outputs(service).forEach(t -> g.topic(t.name(), AclOperation.WRITE));
        inputs(service).forEach(t -> g.topic(t.deadLetterTopic(), AclOperation.WRITE));
        g.topic(Topics.serviceDeadLetterTopic(applicationId), AclOperation.WRITE);
        // Kafka Streams' changelog and repartition topics, <application.id>-...: it creates, reads, writes
        // them and deletes consumed repartition records (the Kafka Streams security guide grants All here).
        g.add(ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED, AclOperation.ALL);
        g.add(ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
        // exactly_once_v2 producers use transactional ids <application.id>-<process id>-<thread>.
        g.add(ResourceType.TRANSACTIONAL_ID, applicationId + "-", PatternType.PREFIXED, AclOperation.WRITE,
                AclOperation.DESCRIBE);
        return g.bindings();
    }

    /** The hospital LIMS: specimen receipts and cancellations. */
    public List<AclBinding> lims(String principal) {
        return new Grants(principal).topic(topics.limsSpecimenEvents().name(), AclOperation.WRITE).bindings();
    }

    /** The bench: tumour content and nucleic-acid measurements. */
    public List<AclBinding> bench(String principal) {
        return new Grants(principal).topic(topics.qcMeasurements().name(), AclOperation.WRITE).bindings();
    }

    /** The instruments' interface: assay runs and their results. */
    public List<AclBinding> instruments(String principal) {
        return new Grants(principal).topic(topics.assayRuns().name(), AclOperation.WRITE).bindings();
    }

    /** A system that receives final reports, in consumer groups named after itself. */
    public List<AclBinding> reportConsumer(String principal) {
        return new Grants(principal).topic(topics.reports().name(), AclOperation.READ)
                .add(ResourceType.GROUP, principal, PatternType.PREFIXED, AclOperation.READ, AclOperation.DESCRIBE)
                .bindings();
    }

    /** The operator: reads every dead-letter topic and re-drives dead letters of the lab's external inputs. */
    public List<AclBinding> operator(String principal) {
        Grants g = new Grants(principal);
        deadLetterTopics().forEach(t -> g.topic(t, AclOperation.READ));
        topics.all().stream().filter(TopicSpec::fromOutside).filter(t -> t != topics.reportCommands())
                .forEach(t -> g.topic(t.name(), AclOperation.WRITE));
        return g.bindings();
    }

    /**
     * The lab simulator: LIMS, bench and instruments in one, watching the services' topics it reacts to;
     * its load benchmark also measures raw Kafka on throw-away topics of its own ({@link #BENCHMARK_TOPICS}).
     */
    public List<AclBinding> simulator(String principal) {
        Grants g = new Grants(principal);
        g.add(ResourceType.TOPIC, BENCHMARK_TOPICS, PatternType.PREFIXED, AclOperation.ALL);
        Stream.of(topics.limsSpecimenEvents(), topics.qcMeasurements(), topics.assayRuns())
                .forEach(t -> g.topic(t.name(), AclOperation.WRITE));
        Stream.of(topics.accessions(), topics.assayOrders(), topics.assayStatus(), topics.reports())
                .forEach(t -> g.topic(t.name(), AclOperation.READ));
        return g.bindings();
    }

    /** Every dead-letter topic: the catalogue's and each service's own. */
    public List<String> deadLetterTopics() {
        List<String> names = new ArrayList<>();
        topics.all().forEach(t -> names.add(t.deadLetterTopic()));
        SERVICES.forEach(s -> names.add(Topics.serviceDeadLetterTopic(s)));
        return names;
    }

    /**
     * The ACLs of every principal of a lab as the lab stack names them: each service signs in under its own
     * name, which is also its application id; the others under {@link #PEOPLE_AND_SYSTEMS}.
     */
    public Map<String, List<AclBinding>> lab() {
        Map<String, List<AclBinding>> all = new LinkedHashMap<>();
        SERVICES.forEach(s -> all.put(s, service(s, s, s)));
        all.put(LIMS, lims(LIMS));
        all.put(BENCH, bench(BENCH));
        all.put(INSTRUMENTS, instruments(INSTRUMENTS));
        all.put(REPORT_CONSUMER, reportConsumer(REPORT_CONSUMER));
        all.put(OPERATOR, operator(OPERATOR));
        all.put(SIMULATOR, simulator(SIMULATOR));
        return all;
    }

    private static IllegalArgumentException unknown(String service) {
        return new IllegalArgumentException("no such service: " + service + "; the services are " + SERVICES);
    }

    /** Allow-entries of one principal from any host. */
    private static final class Grants {

        private final String principal;
        private final List<AclBinding> bindings = new ArrayList<>();

        Grants(String principal) {
            this.principal = "User:" + principal;
        }

        /** Read or Write on one literal topic, with the Describe every client needs alongside. */
        Grants topic(String name, AclOperation operation) {
            return add(ResourceType.TOPIC, name, PatternType.LITERAL, operation, AclOperation.DESCRIBE);
        }

        Grants add(ResourceType type, String name, PatternType pattern, AclOperation... operations) {
            for (AclOperation op : operations) {
                bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)));
            }
            return this;
        }

        List<AclBinding> bindings() {
            return bindings.stream().distinct().toList();
        }
    }
}
