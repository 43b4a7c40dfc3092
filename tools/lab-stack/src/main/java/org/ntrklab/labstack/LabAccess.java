package org.ntrklab.labstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.ntrklab.infra.KafkaBroker;
import org.ntrklab.infra.KafkaCredentials;
import org.ntrklab.platform.access.KafkaAccessPolicy;
import org.ntrklab.platform.access.KafkaAccessProvisioner;
import org.ntrklab.platform.topics.TopicProvisioner;
import org.ntrklab.platform.topics.Topics;

/**
 * The stack's Kafka principals: as the broker's administrator it creates the catalogue's topics, gives
 * every principal of the access policy a password (generated on first start into the data directory,
 * owner-only, one client settings file each) and exactly the ACLs the policy grants. The services and the
 * simulator sign in with theirs; the LIMS, the bench, the instruments, a report consumer and the operator
 * find theirs in {@link #directory()}.
 */
final class LabAccess {

    private final KafkaBroker broker;
    private final KafkaCredentials credentials;

    private LabAccess(KafkaBroker broker, KafkaCredentials credentials) {
        this.broker = broker;
        this.credentials = credentials;
    }

    /** Sets up topics, principals and ACLs; safe on every start (passwords are kept, stale ACLs removed). */
    static LabAccess setUp(KafkaBroker broker, Path credentialsDir, Topics topics) {
        KafkaCredentials credentials = KafkaCredentials.in(credentialsDir, broker.securityProtocol(),
                broker.settings().tls() == null ? Map.of() : broker.settings().tls().clientSettings());
        Map<String, List<AclBinding>> acls = new KafkaAccessPolicy(topics).lab();
        Map<String, String> passwords = new LinkedHashMap<>();
        acls.keySet().forEach(principal -> {
            passwords.put(principal, credentials.password(principal));
            credentials.clientConfigFile(principal);
        });
        List<NewTopic> wanted = new ArrayList<>(topics.newTopics());
        KafkaAccessPolicy.SERVICES.forEach(s -> wanted.add(topics.newServiceDeadLetterTopic(s)));
        try (Admin admin = Admin.create(broker.adminClientProperties())) {
            TopicProvisioner.provision(admin, wanted);
            KafkaAccessProvisioner.apply(admin, passwords, acls);
        }
        return new LabAccess(broker, credentials);
    }

    /** A principal's Kafka client settings, bootstrap servers included. */
    Map<String, Object> clientProperties(String principal) {
        Map<String, Object> p = new LinkedHashMap<>(credentials.clientProperties(principal));
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }

    /** A service's Kafka sign-in as Spring properties ({@code spring.kafka.properties.*}). */
    Map<String, String> springProperties(String principal) {
        Map<String, String> p = new LinkedHashMap<>();
        clientProperties(principal).forEach((k, v) -> {
            if (!"bootstrap.servers".equals(k)) {
                p.put("spring.kafka.properties." + k, String.valueOf(v));
            }
        });
        return p;
    }

    /** Where each principal's client settings file is. */
    Path directory() {
        return credentials.directory();
    }
}
