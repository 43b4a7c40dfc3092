package org.ntrklab.platform.topics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
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
            List<String> created = missing.stream().map(NewTopic::name).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).values().forEach((name, future) -> {
                    try {
                        future.get();
                    } catch (ExecutionException e) {
                        // another instance created it at the same moment: that is fine
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new IllegalStateException("cannot create topic " + name + ": "
                                    + e.getCause().getMessage(), e.getCause());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while creating topic " + name, e);
                    }
                });
                log.info("Created {} topic(s): {}", created.size(), created);
            }
            verifyPartitions(admin, wanted);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void verifyPartitions(Admin admin, List<NewTopic> wanted) throws InterruptedException {
        Map<String, TopicDescription> described = describe(admin, wanted.stream().map(NewTopic::name).toList());
        for (NewTopic topic : wanted) {
            int actual = described.get(topic.name()).partitions().size();
            int expected = topic.numPartitions();
            if (expected > 0 && actual != expected) {
                throw new IllegalStateException("topic " + topic.name() + " has " + actual
                        + " partitions but the catalogue expects " + expected
                        + "; every topic must have the same count for co-partitioned joins");
            }
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
