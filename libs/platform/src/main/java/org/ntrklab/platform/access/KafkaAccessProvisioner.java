package org.ntrklab.platform.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts principals and their ACLs on a broker, as the super user: SCRAM-SHA-512 credentials set (or
 * changed), the policy's ACLs added, and any other ACL of those principals removed, so that a principal has
 * exactly what {@link KafkaAccessPolicy} grants, however often this runs.
 */
public final class KafkaAccessProvisioner {

    private static final Logger log = LoggerFactory.getLogger(KafkaAccessProvisioner.class);
    private static final int SCRAM_ITERATIONS = 8192;

    private KafkaAccessProvisioner() {
    }

    /**
     * @param passwords SCRAM password of each principal to set up
     * @param acls the ACLs of each principal; a principal's ACLs not listed here are removed
     */
    public static void apply(Admin admin, Map<String, String> passwords, Map<String, List<AclBinding>> acls) {
        try {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            passwords.forEach((user, password) -> users.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password)));
            if (!users.isEmpty()) {
                admin.alterUserScramCredentials(users).all().get();
            }
            Set<AclBinding> wanted = new HashSet<>();
            acls.values().forEach(wanted::addAll);
            List<AclBindingFilter> stale = new ArrayList<>();
            for (String principal : acls.keySet()) {
                Collection<AclBinding> present = admin.describeAcls(byPrincipal(principal)).values().get();
                present.stream().filter(b -> !wanted.contains(b)).forEach(b -> stale.add(b.toFilter()));
            }
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get();
                log.info("Removed {} ACL(s) no longer granted", stale.size());
            }
            if (!wanted.isEmpty()) {
                admin.createAcls(wanted).all().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting Kafka principals and ACLs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot set Kafka principals and ACLs: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private static AclBindingFilter byPrincipal(String principal) {
        return new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter("User:" + principal, null,
                AclOperation.ANY, AclPermissionType.ANY));
    }
}
