package org.ntrklab.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.ntrklab.platform.access.KafkaAccessPolicy;
import org.ntrklab.platform.access.KafkaAccessProvisioner;
import org.ntrklab.platform.topics.TopicProvisioner;
import org.ntrklab.platform.topics.Topics;

/**
 * Kafka principals of a test's namespace, set up on the shared broker as the lab stack sets up a lab's:
 * the administrator creates the namespace's topics, then each principal gets its SCRAM credentials and
 * exactly the ACLs {@link KafkaAccessPolicy} grants it. A service's principal is its application id, so
 * tests never share principals.
 */
public final class ServiceAccounts {

    private ServiceAccounts() {
    }

    /**
     * Creates the namespace's topics (idempotent) and the service's principal with its ACLs.
     *
     * @return the service's Kafka client settings, bootstrap servers included
     */
    public static Map<String, Object> service(String service, String applicationId, TestNamespace ns, int partitions) {
        Topics topics = catalogue(ns, partitions);
        createTopics(topics, List.of(topics.newServiceDeadLetterTopic(applicationId)));
        grant(applicationId, new KafkaAccessPolicy(topics).service(service, applicationId, applicationId));
        return SharedInfrastructure.get().clientProperties(applicationId);
    }

    /**
     * A principal with the given ACLs (e.g. from {@link KafkaAccessPolicy#lims(String)}), named uniquely
     * within the JVM by the caller.
     *
     * @return its Kafka client settings, bootstrap servers included
     */
    public static Map<String, Object> grant(String principal, List<AclBinding> acls) {
        SharedInfrastructure infra = SharedInfrastructure.get();
        try (Admin admin = Admin.create(infra.adminClientProperties())) {
            KafkaAccessProvisioner.apply(admin, Map.of(principal, infra.credentials().password(principal)),
                    Map.of(principal, acls));
        }
        return infra.clientProperties(principal);
    }

    /** The namespace's topic catalogue: its prefix, the partitions, one replica. */
    public static Topics catalogue(TestNamespace ns, int partitions) {
        return new Topics(ns.topicPrefix(), partitions, (short) 1);
    }

    /** Creates the catalogue's topics and dead-letter topics, and any further ones, as the administrator. */
    public static void createTopics(Topics topics, List<NewTopic> further) {
        List<NewTopic> wanted = new ArrayList<>(topics.newTopics());
        wanted.addAll(further);
        try (Admin admin = Admin.create(SharedInfrastructure.get().adminClientProperties())) {
            TopicProvisioner.provision(admin, wanted);
        }
    }
}
