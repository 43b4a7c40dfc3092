package org.ntrklab.platform.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue's topics and dead-letter topics that do not exist yet, and refuses to run on
 * existing topics whose partition count differs from the catalogue's: co-partitioned joins would
 * silently pair the wrong records. Safe when several instances start at once.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final int DESCRIBE_ATTEMPTS = 20;

    private TopicProvisioner() {
    }

    /** Every topic of the catalogue and its dead-letter topic. @return names of the topics this call created */
    public static List<String> provision(Admin admin, Topics topics) {
        return provision(admin, topics.newTopics());
    }

    /** @return names of the topics this call created */
    public static List<String> provision(Admin admin, List<NewTopic> wanted) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            List<String> created = new ArrayList<>();
            // Topics this principal may neither see nor create belong to others (on a secured broker the
            // administrator creates them): they are neither created nor checked here.
            Set<String> notPermitted = new HashSet<>();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).values().forEach((name, future) -> {
                    try {
                        future.get();
                        created.add(name);
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof TopicAuthorizationException) {
                            notPermitted.add(name);
                        } else if (!(e.getCause() instanceof TopicExistsException)) {
                            // (another instance created it at the same moment: that is fine)
                            throw new IllegalStateException("cannot create topic " + name + ": "
                                    + e.getCause().getMessage(), e.getCause());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while creating topic " + name, e);
                    }
                });
                if (!created.isEmpty()) {
                    log.info("Created {} topic(s): {}", created.size(), created);
                }
                if (!notPermitted.isEmpty()) {
                    log.debug("{} topic(s) are another principal's and left to the administrator: {}",
                            notPermitted.size(), notPermitted);
                }
            }
            verifyPartitions(admin, wanted.stream().filter(t -> !notPermitted.contains(t.name())).toList());
            reconcileDeadLetterSettings(admin, wanted.stream()
                    .filter(t -> existing.contains(t.name()) && Topics.isDeadLetterTopic(t.name())).toList());
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Checks existing topics without creating any, for installations whose topics are managed elsewhere
     * (e.g. Strimzi KafkaTopic resources): a partition-count mismatch is refused; topics that are missing or
     * that this service may not describe are only reported, as Kafka Streams will say more precisely what
     * it lacks.
     */
    public static void verify(Admin admin, List<NewTopic> wanted) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> present = wanted.stream().filter(t -> existing.contains(t.name())).toList();
            List<String> absent = wanted.stream().map(NewTopic::name).filter(n -> !existing.contains(n)).toList();
            if (!absent.isEmpty()) {
                log.warn("Topic creation is off and {} catalogue topic(s) are not visible: {}", absent.size(), absent);
            }
            verifyPartitions(admin, present);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        } catch (PartitionMismatch e) {
            throw e;
        } catch (ExecutionException | IllegalStateException e) {
            log.warn("Cannot check the topics' partition counts ({}); continuing", e.getMessage());
        }
    }

    /**
     * Dead-letter topics created by an earlier version, or before their retention was changed, get the
     * catalogue's retention and size limit. Several instances doing this at once set the same values.
     */
    private static void reconcileDeadLetterSettings(Admin admin, List<NewTopic> deadLetterTopics)
            throws InterruptedException {
        if (deadLetterTopics.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = deadLetterTopics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
        try {
            Map<ConfigResource, Config> current = admin.describeConfigs(resources).all().get();
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            for (NewTopic topic : deadLetterTopics) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                Config config = current.get(resource);
                List<AlterConfigOp> ops = new ArrayList<>();
                for (String key : List.of(TopicConfig.RETENTION_MS_CONFIG, TopicConfig.MAX_MESSAGE_BYTES_CONFIG)) {
                    String wantedValue = topic.configs().get(key);
                    ConfigEntry entry = config == null ? null : config.get(key);
                    if (wantedValue != null && (entry == null || !wantedValue.equals(entry.value()))) {
                        ops.add(new AlterConfigOp(new ConfigEntry(key, wantedValue), AlterConfigOp.OpType.SET));
                    }
                }
                if (!ops.isEmpty()) {
                    changes.put(resource, ops);
                }
            }
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(changes).all().get();
                log.info("Set retention and size limit of {} dead-letter topic(s)", changes.size());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.AuthorizationException) {
                // a secured broker: the administrator who created them set their retention
                log.debug("Not permitted to check the dead-letter topics' settings; leaving them to the administrator");
                return;
            }
            // the topics still work as they are
            log.warn("Cannot check the settings of the dead-letter topics ({}); leaving them as they are",
                    e.getCause().getMessage());
        }
    }

    private static void verifyPartitions(Admin admin, List<NewTopic> wanted) throws InterruptedException {
        Map<String, TopicDescription> described = describe(admin, wanted.stream().map(NewTopic::name).toList());
        for (NewTopic topic : wanted) {
            int actual = described.get(topic.name()).partitions().size();
            int expected = topic.numPartitions();
            if (expected > 0 && actual != expected) {
                throw new PartitionMismatch("topic " + topic.name() + " has " + actual
                        + " partitions but the catalogue expects " + expected
                        + "; every topic must have the same count for co-partitioned joins");
            }
        }
    }

    /** A topic whose partition count differs from the catalogue's: the service must not run on it. */
    public static final class PartitionMismatch extends IllegalStateException {
        PartitionMismatch(String message) {
            super(message);
        }
    }

    /** Topics another instance has just created may take a moment to show in the metadata. */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> names) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return admin.describeTopics(names).allTopicNames().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt == DESCRIBE_ATTEMPTS) {
                    throw new IllegalStateException("cannot describe topics: " + e.getCause().getMessage(), e.getCause());
                }
                Thread.sleep(250);
            }
        }
    }
}
