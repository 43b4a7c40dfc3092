package org.ntrklab.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.ntrklab.platform.topics.TopicProvisioner;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;

/** A test's own copy of the topic catalogue on the shared broker, plus any plain output topics it needs. */
final class TestTopics {

    private TestTopics() {
    }

    static Topics provision(TestNamespace ns, int partitions, String... extraTopics) {
        Topics topics = new Topics(ns.topicPrefix(), partitions, (short) 1);
        List<NewTopic> wanted = new ArrayList<>(topics.newTopics());
        for (String extra : extraTopics) {
            wanted.add(new NewTopic(extra, partitions, (short) 1));
        }
        try (Admin admin = admin()) {
            TopicProvisioner.provision(admin, wanted);
        }
        return topics;
    }

    static Admin admin() {
        return Admin.create(SharedInfrastructure.get().adminClientProperties());
    }
}
