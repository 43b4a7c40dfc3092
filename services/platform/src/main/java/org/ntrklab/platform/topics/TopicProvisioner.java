package org.ntrklab.platform.topics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue's topics and dead-letter topics that do not exist yet, and refuses to run on
 * existing topics whose partition count differs from the catalogue's: co-partitioned joins would
 * silently pair the wrong records.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /** @return names of the topics this call created */
    public static List<String> provision(Admin admin, Topics topics) {
        List<NewTopic> wanted = topics.newTopics();
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    // another instance created some of them at the same moment: that is fine
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                log.info("Created {} topic(s): {}", missing.size(), missing.stream().map(NewTopic::name).toList());
            }
            verifyPartitions(admin, wanted);
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void verifyPartitions(Admin admin, List<NewTopic> wanted)
            throws InterruptedException, ExecutionException {
        Map<String, TopicDescription> described =
                admin.describeTopics(wanted.stream().map(NewTopic::name).toList()).allTopicNames().get();
        for (NewTopic topic : wanted) {
            int actual = described.get(topic.name()).partitions().size();
            if (actual != topic.numPartitions()) {
                throw new IllegalStateException("topic " + topic.name() + " has " + actual
                        + " partitions but the catalogue expects " + topic.numPartitions()
                        + "; every topic must have the same count for co-partitioned joins");
            }
        }
    }
}
