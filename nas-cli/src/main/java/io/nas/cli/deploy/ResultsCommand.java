package io.nas.cli.deploy;

import io.nas.contract.Topics;
import io.nas.contract.event.EventJson;
import io.nas.contract.event.TrialResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nas results tail}: the public {@code nas.results} stream, as it arrives. */
@Command(name = "results", mixinStandardHelpOptions = true, description = "The public nas.results stream.",
        subcommands = ResultsCommand.Tail.class)
public class ResultsCommand {

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Prints each nas.results record as it arrives (Ctrl-C to stop).")
    static class Tail implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
                description = "Kafka (default: ${DEFAULT-VALUE}; env KAFKA_BOOTSTRAP_SERVERS).")
        String bootstrapServers;

        @Option(names = "--experiment", description = "Only this experiment's trials.")
        String experiment;

        @Option(names = "--from-beginning", description = "Start with the records already on the topic.")
        boolean fromBeginning;

        @Option(names = "--json", description = "Print each record's JSON as it is on the topic.")
        boolean json;

        @Option(names = "--max", description = "Stop after this many records (default: never).")
        Integer max;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.CLIENT_ID_CONFIG, "nas-results-tail"),
                    new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESULTS, Duration.ofSeconds(15))
                        .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                consumer.assign(partitions);
                if (fromBeginning) {
                    consumer.seekToBeginning(partitions);
                } else {
                    consumer.seekToEnd(partitions);
                }
                int printed = 0;
                while (max == null || printed < max) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        if (experiment != null && !record.key().startsWith(experiment + "-")) {
                            continue;
                        }
                        out.println(json ? record.value() : line(record.value()));
                        out.flush();
                        if (max != null && ++printed >= max) {
                            break;
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": no nas.results topic reachable at "
                        + bootstrapServers + " (" + e.getMessage() + "); is the deployment running?");
                return 1;
            }
            return 0;
        }

        private static String line(String json) {
            try {
                TrialResult r = EventJson.read(json, TrialResult.class);
                return String.format(Locale.ROOT, "%s %s accuracy=%s latencyMs=%s device=%s reward=%s pareto=%s%s%s",
                        r.trialId(), r.status(), r.accuracy(), r.latencyMs(), r.deviceType(), r.reward(), r.pareto(),
                        r.duplicateOf() == null ? "" : " duplicateOf=" + r.duplicateOf(),
                        r.reason() == null ? "" : " reason=" + r.reason());
            } catch (RuntimeException e) {
                return "(not a TrialResult: " + e.getMessage() + ") " + json;
            }
        }
    }
}
