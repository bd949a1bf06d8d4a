#!/bin/sh
# One-shot of docker-compose.yml (runs in the apache/kafka image): creates the topics of DESIGN.md before any service
# starts, so a consumer that starts before the topic's producer finds it (brokers run with
# auto.create.topics.enable=false). The list is nas-contract's Topics.ALL; nas.experiments and nas.policy are compacted
# (Topics.COMPACTED). Each service still creates what it produces and the DLQs it writes; existing topics are kept.
set -eu

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
partitions="${NAS_TOPICS_PARTITIONS:-3}"

create() {
    topic="$1"
    shift
    /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
        --topic "$topic" --partitions "$partitions" --replication-factor 1 "$@"
}

# Each kafka-topics.sh is a JVM start of a few seconds: create all topics side by side, then fail if any failed.
pids=""
for topic in nas.proposals nas.training.progress nas.accuracy nas.latency nas.results; do
    create "$topic" & pids="$pids $!"
done
for topic in nas.experiments nas.policy; do
    create "$topic" --config cleanup.policy=compact & pids="$pids $!"
done
failed=0
for pid in $pids; do
    wait "$pid" || failed=1
done
[ "$failed" -eq 0 ] || { echo "could not create every topic on $bootstrap" >&2; exit 1; }
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --list
