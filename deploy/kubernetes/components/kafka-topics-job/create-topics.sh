#!/bin/sh
# For Kafka clusters without Strimzi: creates larksync's topics with the settings of ../strimzi-topics and
# sets those settings on topics that exist. Partition counts of existing topics are left alone (adding
# partitions would move keys, and so break the order of each entity's messages).
# Run by the Job in this directory, or by hand: KAFKA_BROKERS=host:9092 REPLICATION_FACTOR=3 sh create-topics.sh
set -eu

topic() {
  name=$1 partitions=$2 config=$3
  kafka-topics.sh --bootstrap-server "$KAFKA_BROKERS" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR"
  kafka-configs.sh --bootstrap-server "$KAFKA_BROKERS" --alter --entity-type topics --entity-name "$name" \
    --add-config "$config"
}

topic lark.events.v1 6 min.insync.replicas=2,retention.ms=604800000
topic directory.commands.v1 6 min.insync.replicas=2,retention.ms=604800000
topic directory.changes.v1 6 min.insync.replicas=2,retention.ms=-1
topic sase.subjects.v1 6 min.insync.replicas=2,cleanup.policy=compact,min.compaction.lag.ms=0
topic sase.departments.v1 6 min.insync.replicas=2,cleanup.policy=compact,min.compaction.lag.ms=0
topic lark.events.v1.dlq 1 min.insync.replicas=2,retention.ms=2592000000
topic directory.commands.v1.dlq 1 min.insync.replicas=2,retention.ms=2592000000
topic directory.changes.v1.dlq 1 min.insync.replicas=2,retention.ms=2592000000
