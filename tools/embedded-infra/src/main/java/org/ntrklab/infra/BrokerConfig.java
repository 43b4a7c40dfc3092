package org.ntrklab.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration of the embedded one-node KRaft broker: its listeners and their authentication, the
 * authorizer, single-replica internal topics, and the log cleaner sized for one laboratory.
 */
final class BrokerConfig {

    /** The log cleaner's dedupe buffer: about 700,000 keys per cleaning pass (24 bytes each). */
    static final int LOG_CLEANER_BUFFER_BYTES = 16 * 1024 * 1024;

    private BrokerConfig() {
    }

    static Map<String, String> of(KafkaBroker.Settings s, int internalPort) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", String.valueOf(KafkaBroker.NODE_ID));
        c.put("controller.quorum.voters", KafkaBroker.NODE_ID + "@" + KafkaBroker.LOOPBACK + ":" + s.controllerPort());
        // Clients on the configured interface; the broker's own traffic on loopback only.
        c.put("listeners", KafkaBroker.CLIENT_LISTENER + "://" + s.host() + ":" + s.port() + "," + KafkaBroker.INTERNAL_LISTENER + "://"
                + KafkaBroker.LOOPBACK + ":" + internalPort + "," + KafkaBroker.CONTROLLER_LISTENER + "://" + KafkaBroker.LOOPBACK + ":" + s.controllerPort());
        c.put("advertised.listeners", KafkaBroker.CLIENT_LISTENER + "://" + s.advertisedHost() + ":" + s.port() + ","
                + KafkaBroker.INTERNAL_LISTENER + "://" + KafkaBroker.LOOPBACK + ":" + internalPort);
        c.put("controller.listener.names", KafkaBroker.CONTROLLER_LISTENER);
        c.put("inter.broker.listener.name", KafkaBroker.INTERNAL_LISTENER);
        c.put("listener.security.protocol.map", KafkaBroker.CLIENT_LISTENER + ":" + s.securityProtocol() + ","
                + KafkaBroker.INTERNAL_LISTENER + ":SASL_PLAINTEXT," + KafkaBroker.CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        // Clients: SCRAM, whose credentials live in the cluster metadata and are managed with the Admin API.
        c.put("listener.name.client.sasl.enabled.mechanisms", KafkaCredentials.MECHANISM);
        c.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        // The broker's own connections: PLAIN with the one super user, known from this configuration alone.
        String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + KafkaBroker.ADMIN
                + "\" password=\"" + s.adminPassword() + "\" user_" + KafkaBroker.ADMIN + "=\"" + s.adminPassword() + "\";";
        c.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        c.put("sasl.mechanism.controller.protocol", "PLAIN");
        c.put("listener.name.internal.sasl.enabled.mechanisms", "PLAIN");
        c.put("listener.name.internal.plain.sasl.jaas.config", plain);
        c.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        c.put("listener.name.controller.plain.sasl.jaas.config", plain);
        if (s.tls() != null) {
            c.put("listener.name.client.ssl.keystore.location", s.tls().path().toAbsolutePath().toString());
            c.put("listener.name.client.ssl.keystore.password", s.tls().password());
            c.put("listener.name.client.ssl.key.password", s.tls().password());
            c.put("listener.name.client.ssl.keystore.type", "PKCS12");
        }
        // Nothing is allowed that no ACL grants; only the broker itself and the operator's admin are exempt.
        c.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        c.put("allow.everyone.if.no.acl.found", "false");
        c.put("super.users", "User:" + KafkaBroker.ADMIN);
        c.put("log.dirs", s.logDir().toAbsolutePath().toString());
        c.put("num.partitions", String.valueOf(s.defaultPartitions()));
        // One node: internal topics cannot have more replicas than brokers, or consumer groups and
        // transactions wait forever for replicas that will never exist.
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "10");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "10");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("default.replication.factor", "1");
        c.put("min.insync.replicas", "1");
        // Topics are created deliberately from the topic catalogue; a typo must not create a new topic.
        c.put("auto.create.topics.enable", "false");
        c.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner compacts the services' changelog topics. Its dedupe buffer (128 MB by default, on the
        // heap of the process that embeds the broker) is cleared before every cleaning, which under load made it
        // the broker's busiest thread; one laboratory's changelogs need a small fraction of it.
        c.put("log.cleaner.dedupe.buffer.size", String.valueOf(LOG_CLEANER_BUFFER_BYTES));
        c.putAll(s.overrides());
        return c;
    }
}
