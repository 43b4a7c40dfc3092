#!/bin/bash
# Kafka principals, passwords, topics and ACLs of docker-compose.yml. Runs in the apache/kafka image, as root
# (it hands each container's files to that container's user), in two one-shot Compose services:
#
#   kafka-access.sh secrets     (service kafka-secrets, before the broker starts: the broker needs the
#                                super user's password to start, so passwords cannot wait for the broker)
#       Generates a random password for every principal into the secrets volume, on first start only, and
#       writes from them each container's sign-in: the broker's JAAS file, the services' Spring config
#       tree, the registry's and the simulator's client settings, and a client.properties file per lab
#       system. Run again, it keeps the passwords and rewrites the rest.
#   kafka-access.sh provision   (service kafka-access, once the broker is healthy)
#       Creates the missing topics, sets every principal's SCRAM-SHA-512 credential and adds the ACLs below.
#       ACLs are only added, never removed: a right a newer version no longer grants stays until removed
#       with kafka-acls.sh --remove (deploy/README.md).
#
# The grants and topics below are KafkaAccessPolicy and the topic catalogue (libs/platform) for this
# file's layout (6 partitions, 1 replica); ComposeFileTest fails when they differ. The broker refuses
# everything no ACL allows (allow.everyone.if.no.acl.found=false); only the super user "admin" is exempt.
set -euo pipefail

SECRETS=${NTRK_SECRETS_DIR:-/secrets}
KAFKA_BIN=${KAFKA_BIN:-/opt/kafka/bin}
# The broker's own listener: SASL PLAIN with the super user, which needs no credential stored in Kafka, so it
# works before any SCRAM credential exists.
ADMIN_BOOTSTRAP=${NTRK_KAFKA_ADMIN_BOOTSTRAP:-kafka:9094}

SERVICES="accessioning sample-qc assay-tracking reflex reporting tat-metrics"
# The lab's systems that connect from outside the Compose network (client.properties each).
CLIENTS="lims bench instruments report-consumer operator"
PRINCIPALS="$SERVICES $CLIENTS simulator apicurio-registry"

# Users of the images: ours run as 10001; the registry image as 1001 in group 0 (any uid in group 0 on
# OpenShift-style runtimes); the broker as the kafka image's appuser, looked up in this same image.
SERVICE_UID=10001
REGISTRY_UID=1001

# --- the access policy -----------------------------------------------------------------------------------
# One line per resource: grant <principal> <topic|group|transactionalId> <literal|prefix> <name> <operation>...
# Describe goes with every Read and Write, as the policy grants it.
acls() {
    # accessioning: reads the LIMS's specimen events, writes ntrk.accessions.
    grant accessioning topic literal lims.specimen-events Read Describe
    grant accessioning topic literal ntrk.accessions Write Describe
    grant accessioning topic literal lims.specimen-events.dlt Write Describe
    grant accessioning topic literal accessioning.dlt Write Describe
    # Kafka Streams under its application id: internal topics, consumer group, transactional ids.
    grant accessioning topic prefix accessioning- All
    grant accessioning group literal accessioning Read Describe
    grant accessioning transactionalId prefix accessioning- Write Describe

    # sample-qc
    grant sample-qc topic literal ntrk.accessions Read Describe
    grant sample-qc topic literal lab.qc-measurements Read Describe
    grant sample-qc topic literal ntrk.qc-decisions Write Describe
    grant sample-qc topic literal ntrk.accessions.dlt Write Describe
    grant sample-qc topic literal lab.qc-measurements.dlt Write Describe
    grant sample-qc topic literal sample-qc.dlt Write Describe
    grant sample-qc topic prefix sample-qc- All
    grant sample-qc group literal sample-qc Read Describe
    grant sample-qc transactionalId prefix sample-qc- Write Describe

    # assay-tracking
    grant assay-tracking topic literal lab.assay-runs Read Describe
    grant assay-tracking topic literal ntrk.assay-orders Read Describe
    grant assay-tracking topic literal ntrk.qc-decisions Read Describe
    grant assay-tracking topic literal ntrk.accessions Read Describe
    grant assay-tracking topic literal ntrk.assay-status Write Describe
    grant assay-tracking topic literal lab.assay-runs.dlt Write Describe
    grant assay-tracking topic literal ntrk.assay-orders.dlt Write Describe
    grant assay-tracking topic literal ntrk.qc-decisions.dlt Write Describe
    grant assay-tracking topic literal ntrk.accessions.dlt Write Describe
    grant assay-tracking topic literal assay-tracking.dlt Write Describe
    grant assay-tracking topic prefix assay-tracking- All
    grant assay-tracking group literal assay-tracking Read Describe
    grant assay-tracking transactionalId prefix assay-tracking- Write Describe

    # reflex
    grant reflex topic literal ntrk.accessions Read Describe
    grant reflex topic literal ntrk.qc-decisions Read Describe
    grant reflex topic literal ntrk.assay-status Read Describe
    grant reflex topic literal ntrk.assay-orders Write Describe
    grant reflex topic literal ntrk.accessions.dlt Write Describe
    grant reflex topic literal ntrk.qc-decisions.dlt Write Describe
    grant reflex topic literal ntrk.assay-status.dlt Write Describe
    grant reflex topic literal reflex.dlt Write Describe
    grant reflex topic prefix reflex- All
    grant reflex group literal reflex Read Describe
    grant reflex transactionalId prefix reflex- Write Describe

    # reporting: also writes lab.report-commands, on behalf of the pathologist signed in to its REST API.
    grant reporting topic literal ntrk.accessions Read Describe
    grant reporting topic literal ntrk.assay-orders Read Describe
    grant reporting topic literal ntrk.assay-status Read Describe
    grant reporting topic literal ntrk.qc-decisions Read Describe
    grant reporting topic literal lab.report-commands Read Write Describe
    grant reporting topic literal ntrk.reports Write Describe
    grant reporting topic literal ntrk.accessions.dlt Write Describe
    grant reporting topic literal ntrk.assay-orders.dlt Write Describe
    grant reporting topic literal ntrk.assay-status.dlt Write Describe
    grant reporting topic literal ntrk.qc-decisions.dlt Write Describe
    grant reporting topic literal lab.report-commands.dlt Write Describe
    grant reporting topic literal reporting.dlt Write Describe
    grant reporting topic prefix reporting- All
    grant reporting group literal reporting Read Describe
    grant reporting transactionalId prefix reporting- Write Describe

    # tat-metrics
    grant tat-metrics topic literal ntrk.accessions Read Describe
    grant tat-metrics topic literal ntrk.qc-decisions Read Describe
    grant tat-metrics topic literal ntrk.assay-orders Read Describe
    grant tat-metrics topic literal ntrk.assay-status Read Describe
    grant tat-metrics topic literal ntrk.reports Read Describe
    grant tat-metrics topic literal ntrk.turnaround Write Describe
    grant tat-metrics topic literal ntrk.accessions.dlt Write Describe
    grant tat-metrics topic literal ntrk.qc-decisions.dlt Write Describe
    grant tat-metrics topic literal ntrk.assay-orders.dlt Write Describe
    grant tat-metrics topic literal ntrk.assay-status.dlt Write Describe
    grant tat-metrics topic literal ntrk.reports.dlt Write Describe
    grant tat-metrics topic literal tat-metrics.dlt Write Describe
    grant tat-metrics topic prefix tat-metrics- All
    grant tat-metrics group literal tat-metrics Read Describe
    grant tat-metrics transactionalId prefix tat-metrics- Write Describe

    # The hospital LIMS, the bench and the instruments: each writes its own input topic and nothing else.
    grant lims topic literal lims.specimen-events Write Describe
    grant bench topic literal lab.qc-measurements Write Describe
    grant instruments topic literal lab.assay-runs Write Describe

    # A reporting system: reads the final reports in consumer groups named report-consumer...
    grant report-consumer topic literal ntrk.reports Read Describe
    grant report-consumer group prefix report-consumer Read Describe

    # The operator: reads every dead-letter topic and re-drives those of the lab's external inputs.
    grant operator topic literal lims.specimen-events.dlt Read Describe
    grant operator topic literal lab.qc-measurements.dlt Read Describe
    grant operator topic literal lab.assay-runs.dlt Read Describe
    grant operator topic literal lab.report-commands.dlt Read Describe
    grant operator topic literal ntrk.accessions.dlt Read Describe
    grant operator topic literal ntrk.qc-decisions.dlt Read Describe
    grant operator topic literal ntrk.assay-orders.dlt Read Describe
    grant operator topic literal ntrk.assay-status.dlt Read Describe
    grant operator topic literal ntrk.reports.dlt Read Describe
    grant operator topic literal ntrk.turnaround.dlt Read Describe
    grant operator topic literal accessioning.dlt Read Describe
    grant operator topic literal sample-qc.dlt Read Describe
    grant operator topic literal assay-tracking.dlt Read Describe
    grant operator topic literal reflex.dlt Read Describe
    grant operator topic literal reporting.dlt Read Describe
    grant operator topic literal tat-metrics.dlt Read Describe
    grant operator topic literal lims.specimen-events Write Describe
    grant operator topic literal lab.qc-measurements Write Describe
    grant operator topic literal lab.assay-runs Write Describe

    # The LIMS simulator (demo profile): LIMS, bench and instruments in one, watching the topics it reacts
    # to; its load benchmark measures raw Kafka on throw-away ntrk-bench.* topics.
    grant simulator topic prefix ntrk-bench. All
    grant simulator topic literal lims.specimen-events Write Describe
    grant simulator topic literal lab.qc-measurements Write Describe
    grant simulator topic literal lab.assay-runs Write Describe
    grant simulator topic literal ntrk.accessions Read Describe
    grant simulator topic literal ntrk.assay-orders Read Describe
    grant simulator topic literal ntrk.assay-status Read Describe
    grant simulator topic literal ntrk.reports Read Describe

    # The registry's kafkasql storage (not part of the policy; as the Kubernetes KafkaUser apicurio-registry):
    # its three topics, and consumer groups named by APICURIO_KAFKASQL_CONSUMER_GROUP_PREFIX.
    grant apicurio-registry topic literal kafkasql-journal Read Write Describe
    grant apicurio-registry topic literal kafkasql-snapshots Read Write Describe
    grant apicurio-registry topic literal registry-events Read Write Describe
    grant apicurio-registry group prefix apicurio-registry- Read Describe
}

# --- the topics --------------------------------------------------------------------------------------------
# topic <name> <partitions> <config>...: the catalogue's topics and dead-letter topics as the services define
# them (they do not create them here: NTRK_TOPICS_CREATE=false, and their ACLs allow no Create), each
# service's own dead-letter topic, and the registry's topics (one partition keeps its journal in order).
topics() {
    topic lims.specimen-events "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1
    topic lims.specimen-events.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic lab.qc-measurements "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1
    topic lab.qc-measurements.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic lab.assay-runs "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1
    topic lab.assay-runs.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic lab.report-commands "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1
    topic lab.report-commands.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic ntrk.accessions "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1
    topic ntrk.accessions.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic ntrk.qc-decisions "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1
    topic ntrk.qc-decisions.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic ntrk.assay-orders "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1
    topic ntrk.assay-orders.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic ntrk.assay-status "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1
    topic ntrk.assay-status.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic ntrk.reports "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1
    topic ntrk.reports.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic ntrk.turnaround "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1
    topic ntrk.turnaround.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic accessioning.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic sample-qc.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic assay-tracking.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic reflex.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic reporting.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic tat-metrics.dlt "$NTRK_TOPICS_PARTITIONS" cleanup.policy=delete retention.ms=-1 max.message.bytes=4194304
    topic kafkasql-journal 1 cleanup.policy=delete retention.ms=-1
    topic kafkasql-snapshots 1 cleanup.policy=delete retention.ms=-1
    topic registry-events 1 cleanup.policy=delete retention.ms=-1
}

# --- secrets -----------------------------------------------------------------------------------------------

password() {
    cat "$SECRETS/passwords/$1"
}

# 24 random bytes as 48 hex digits: no character that would need quoting in JAAS or properties files.
new_password() {
    od -An -tx1 -N24 /dev/urandom | tr -d ' \n'
}

scram_jaas() {
    printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";' \
        "$1" "$(password "$1")"
}

# A directory of one container's files, readable by that container's user only.
own_directory() {
    local dir=$1 owner=$2 mode=$3
    mkdir -p "$dir"
    find "$dir" -type f -exec chmod "$mode" {} +
    chown -R "$owner" "$dir"
    chmod 0550 "$dir"
}

secrets() {
    umask 077
    mkdir -p "$SECRETS/passwords"
    chmod 0700 "$SECRETS/passwords"
    local p
    for p in admin $PRINCIPALS; do
        # First start only: a password, once in Kafka, must not change under a running client.
        if [ ! -s "$SECRETS/passwords/$p" ]; then
            new_password > "$SECRETS/passwords/$p"
            echo "generated the Kafka password of $p"
        fi
    done
    local admin
    admin=$(password admin)

    # The broker (KAFKA_OPTS=-Djava.security.auth.login.config=.../jaas.conf): SCRAM on the client listeners,
    # whose credentials live in Kafka; PLAIN with the one static super user on its own listeners (broker,
    # controller), which must work before any credential exists.
    mkdir -p "$SECRETS/broker"
    local plain="org.apache.kafka.common.security.plain.PlainLoginModule required"
    cat > "$SECRETS/broker/jaas.conf" <<EOF
client.KafkaServer {
    org.apache.kafka.common.security.scram.ScramLoginModule required;
};
host.KafkaServer {
    org.apache.kafka.common.security.scram.ScramLoginModule required;
};
broker.KafkaServer {
    $plain username="admin" password="$admin" user_admin="$admin";
};
controller.KafkaServer {
    $plain username="admin" password="$admin" user_admin="$admin";
};
EOF
    # The super user on the broker listener: the health check and the provisioning below.
    cat > "$SECRETS/broker/admin.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=$plain username="admin" password="$admin";
EOF
    own_directory "$SECRETS/broker" "$(id -u appuser):$(id -g appuser)" 0440

    # Each service: a Spring config tree (SPRING_CONFIG_IMPORT=configtree:/run/secrets/kafka/), one file
    # per property, the file name being the property's name.
    local s dir
    for s in $SERVICES; do
        dir="$SECRETS/services/$s"
        mkdir -p "$dir"
        printf 'SASL_PLAINTEXT' > "$dir/spring.kafka.properties.security.protocol"
        printf 'SCRAM-SHA-512' > "$dir/spring.kafka.properties.sasl.mechanism"
        scram_jaas "$s" > "$dir/spring.kafka.properties.sasl.jaas.config"
        own_directory "$dir" "$SERVICE_UID:$SERVICE_UID" 0400
    done

    # The registry: its Kafka clients read the JAAS file named by JDK_JAVA_OPTIONS (section KafkaClient).
    mkdir -p "$SECRETS/registry"
    printf 'KafkaClient {\n    %s\n};\n' "$(scram_jaas apicurio-registry)" > "$SECRETS/registry/jaas.conf"
    own_directory "$SECRETS/registry" "$REGISTRY_UID:0" 0440

    # The simulator's --command-config; the lab systems' client.properties (to copy out, deploy/README.md).
    mkdir -p "$SECRETS/simulator" "$SECRETS/clients"
    client_properties simulator > "$SECRETS/simulator/kafka.properties"
    own_directory "$SECRETS/simulator" "$SERVICE_UID:$SERVICE_UID" 0400
    for p in $CLIENTS admin; do
        client_properties "$p" > "$SECRETS/clients/$p.properties"
    done
    own_directory "$SECRETS/clients" 0:0 0400
    chmod 0700 "$SECRETS/clients"
}

client_properties() {
    printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=%s\n' "$(scram_jaas "$1")"
}

# --- provisioning ------------------------------------------------------------------------------------------

admin_tool() {
    local tool=$1
    shift
    "$KAFKA_BIN/$tool" --bootstrap-server "$ADMIN_BOOTSTRAP" --command-config "$SECRETS/broker/admin.properties" "$@"
}

EXISTING_TOPICS=""

topic() {
    local name=$1 partitions=$2
    shift 2
    if grep -qxF "$name" <<< "$EXISTING_TOPICS"; then
        return
    fi
    local args=() c
    for c in "$@"; do
        args+=(--config "$c")
    done
    admin_tool kafka-topics.sh --create --if-not-exists --topic "$name" --partitions "$partitions" \
        --replication-factor "$NTRK_TOPICS_REPLICATION_FACTOR" "${args[@]}"
}

# Grants with the same principal, resource type, pattern type and operations go to the broker in one call.
declare -A GRANTS=()
GRANT_ORDER=()

grant() {
    local principal=$1 type=$2 pattern=$3 name=$4
    shift 4
    local key="$principal|$type|$pattern|$*"
    if [ -z "${GRANTS[$key]+set}" ]; then
        GRANT_ORDER+=("$key")
        GRANTS[$key]=""
    fi
    GRANTS[$key]+=" $name"
}

apply_grants() {
    local key principal type pattern operations name args
    for key in "${GRANT_ORDER[@]}"; do
        IFS='|' read -r principal type pattern operations <<< "$key"
        args=(--add --allow-principal "User:$principal" --allow-host '*')
        [ "$pattern" = prefix ] && args+=(--resource-pattern-type prefixed)
        for name in ${GRANTS[$key]}; do
            case $type in
                topic) args+=(--topic "$name") ;;
                group) args+=(--group "$name") ;;
                transactionalId) args+=(--transactional-id "$name") ;;
                *) echo "unknown resource type $type" >&2; exit 1 ;;
            esac
        done
        for name in $operations; do
            args+=(--operation "$name")
        done
        admin_tool kafka-acls.sh "${args[@]}" > /dev/null
    done
}

provision() {
    : "${NTRK_TOPICS_PARTITIONS:?set NTRK_TOPICS_PARTITIONS, as for the services}"
    : "${NTRK_TOPICS_REPLICATION_FACTOR:?set NTRK_TOPICS_REPLICATION_FACTOR, as for the services}"
    EXISTING_TOPICS=$(admin_tool kafka-topics.sh --list)
    topics
    echo "topics present"
    local p
    for p in admin $PRINCIPALS; do
        # Set on every run, so that the credential always matches the password file the clients read.
        admin_tool kafka-configs.sh --alter --entity-type users --entity-name "$p" \
            --add-config "SCRAM-SHA-512=[iterations=8192,password=$(password "$p")]" > /dev/null
    done
    echo "SCRAM-SHA-512 credentials set for admin $PRINCIPALS"
    acls
    apply_grants
    echo "ACLs granted"
}

case "${1:-}" in
    secrets) secrets ;;
    provision) provision ;;
    *) echo "usage: $0 secrets|provision" >&2; exit 2 ;;
esac
