package io.nas.charts;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * charts/nas with real Helm: lint, render, parse every manifest into the Kubernetes model, and check what the chart
 * promises (DESIGN.md, Run modes: Helm) against the services' own configuration.
 */
class ChartTest {

    private static final List<String> SERVICES = List.of("sampler", "trainer", "latency", "reward");
    private static final Map<String, Integer> PORTS = Map.of("sampler", 8081, "trainer", 8082, "latency", 8083, "reward", 8084);
    /** DESIGN.md, Events: the two topics keyed by a long-lived entity. */
    private static final Set<String> COMPACTED = Set.of("nas.experiments", "nas.policy");
    /** Environment variables that carry a credential and must come from a Secret. */
    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(PASSWORD|SECRET|ACCESS_KEY|API_KEYS|JAAS|TOKEN|USERNAME).*");

    private static NasChart chart;
    private static Manifests defaults;
    private static Manifests cluster;

    @BeforeAll
    static void render() {
        chart = NasChart.load();
        defaults = Manifests.parse(chart.render(null, Map.of()));
        cluster = Manifests.parse(chart.render(clusterValues(), Map.of()));
    }

    static Path clusterValues() {
        try {
            return Path.of(Objects.requireNonNull(ChartTest.class.getResource("/values-cluster.yaml")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- lint and render ----------------------------------------------------------------------------------------

    @Test
    void lintStrictPassesWithDefaultValues() {
        LintResult lint = chart.lint(null);
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    }

    @Test
    void lintStrictPassesWithClusterValues() {
        LintResult lint = chart.lint(clusterValues());
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    }

    @Test
    void everyRenderedDocumentIsAKubernetesObject() {
        // Manifests.parse already refused anything unparseable or with unknown fields; here: what each holds.
        for (Manifests manifests : List.of(defaults, cluster)) {
            assertThat(manifests.all()).isNotEmpty().allSatisfy(object -> {
                assertThat(object.getMetadata().getLabels())
                        .containsEntry("app.kubernetes.io/instance", NasChart.RELEASE)
                        .containsEntry("app.kubernetes.io/part-of", "nas")
                        .containsKey("helm.sh/chart");
            });
            assertThat(manifests.all()).extracting(HasMetadata::getKind)
                    .allMatch(kind -> Set.of("Deployment", "Service", "KafkaTopic", "ScaledObject", "TriggerAuthentication")
                            .contains(kind));
        }
        assertThat(defaults.ofType(GenericKubernetesResource.class)).as("no custom resource unless asked").isEmpty();
    }

    // --- one Deployment and one Service per service --------------------------------------------------------------

    @Test
    void oneDeploymentAndOneServicePerService() {
        assertThat(defaults.deployments()).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("nas-sampler", "nas-trainer", "nas-latency-host-cpu", "nas-reward");
        assertThat(defaults.services()).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("nas-sampler", "nas-trainer", "nas-latency", "nas-reward");
        for (Manifests manifests : List.of(defaults, cluster)) {
            for (String service : SERVICES) {
                Service svc = manifests.find(Service.class, "nas-" + service).orElseThrow();
                assertThat(svc.getSpec().getPorts()).singleElement().satisfies(port -> {
                    assertThat(port.getPort()).isEqualTo(PORTS.get(service));
                    assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
                });
                List<Deployment> selected = manifests.deployments().stream()
                        .filter(d -> selects(svc.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels()))
                        .toList();
                assertThat(selected).as("pods behind Service %s", service).isNotEmpty().allSatisfy(d -> {
                    Container container = container(d);
                    assertThat(container.getName()).isEqualTo(service);
                    assertThat(container.getImage()).contains("/" + service + "-service:");
                    assertThat(container.getPorts()).singleElement().satisfies(port -> {
                        assertThat(port.getName()).isEqualTo("http");
                        assertThat(port.getContainerPort()).isEqualTo(PORTS.get(service));
                    });
                });
            }
            for (Deployment deployment : manifests.deployments()) {
                assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                        .as("the selector of %s matches its pods", deployment.getMetadata().getName())
                        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            }
        }
        assertThat(container(defaults.deployment("nas-sampler")).getImage()).isEqualTo("nas/sampler-service:0.1.0-SNAPSHOT");
        assertThat(container(cluster.deployment("nas-reward")).getImage())
                .isEqualTo("registry.example.com/nas/reward-service:0.1.0-rc1");
        assertThat(cluster.deployment("nas-sampler").getSpec().getReplicas()).isEqualTo(2);
        assertThat(cluster.deployment("nas-sampler").getSpec().getTemplate().getSpec().getImagePullSecrets())
                .extracting(ref -> ref.getName()).containsExactly("regcred");
    }

    // --- latency pools --------------------------------------------------------------------------------------------

    @Test
    void oneDeploymentPerLatencyPoolWithItsDeviceAndScheduling() {
        Deployment xeon = cluster.deployment("nas-latency-xeon");
        Deployment pixel = cluster.deployment("nas-latency-pixel3-replay");
        assertThat(cluster.deployments()).filteredOn(d -> d.getMetadata().getName().startsWith("nas-latency-")).hasSize(2);

        PodSpec xeonPod = xeon.getSpec().getTemplate().getSpec();
        assertThat(xeon.getSpec().getReplicas()).isEqualTo(3);
        assertThat(xeonPod.getNodeSelector())
                .containsExactlyInAnyOrderEntriesOf(Map.of("nas.io/device-pool", "xeon", "kubernetes.io/arch", "amd64"));
        assertThat(xeonPod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("nas.io/latency");
            assertThat(t.getOperator()).isEqualTo("Exists");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(container(xeon).getResources().getLimits().get("cpu").toString()).isEqualTo("1");
        assertThat(env(xeon)).containsEntry("NAS_DEVICE_TYPE", "xeon-8375c").containsEntry("NAS_DEVICE_PROBE", "host-cpu");
        assertThat(fieldRef(xeon, "NAS_DEVICE_ID")).isEqualTo("metadata.name");

        PodSpec pixelPod = pixel.getSpec().getTemplate().getSpec();
        assertThat(pixel.getSpec().getReplicas()).isEqualTo(1);
        assertThat(pixelPod.getNodeSelector()).containsExactlyEntriesOf(Map.of("nas.io/device-pool", "replay"));
        assertThat(pixelPod.getTolerations()).extracting(Toleration::getKey, Toleration::getValue, Toleration::getTolerationSeconds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dedicated", "latency", 3600L));
        assertThat(env(pixel)).containsEntry("NAS_DEVICE_TYPE", "pixel3").containsEntry("NAS_DEVICE_PROBE", "replay")
                .containsEntry("NAS_DEVICE_REPLAY_FILE", "/replay/search.csv")
                .containsEntry("NAS_DEVICE_REPLAY_COLUMN", "pixel3_ms");
        assertThat(fieldRef(pixel, "NAS_DEVICE_ID")).isEqualTo("metadata.name");
        assertThat(container(pixel).getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/replay"));
        assertThat(pixelPod.getVolumes()).filteredOn(v -> v.getConfigMap() != null)
                .extracting(v -> v.getConfigMap().getName()).containsExactly("nas-pixel3-replay");
        // A pool without its own resources has the latency defaults.
        assertThat(container(pixel).getResources().getRequests().get("memory").toString()).isEqualTo("1Gi");

        for (Deployment pool : List.of(xeon, pixel)) {
            assertThat(pool.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal())
                    .as("never two replicas of a device at once").isZero();
        }
        // Pools are separate Deployments: their selectors must not overlap.
        assertThat(selects(xeon.getSpec().getSelector().getMatchLabels(), pixel.getSpec().getTemplate().getMetadata().getLabels()))
                .isFalse();
    }

    @Test
    void duplicatePoolNamesAreRefused() {
        assertThatThrownBy(() -> chart.render(null, Map.of("latency.pools[0].name", "a", "latency.pools[0].deviceType", "x",
                "latency.pools[0].probe", "host-cpu", "latency.pools[1].name", "a", "latency.pools[1].deviceType", "y",
                "latency.pools[1].probe", "host-cpu")))
                .hasMessageContaining("appears twice");
    }

    // --- probes ---------------------------------------------------------------------------------------------------

    @Test
    void everyContainerIsProbedOnTheThreeHealthEndpoints() {
        for (Manifests manifests : List.of(defaults, cluster)) {
            assertThat(manifests.deployments()).isNotEmpty().allSatisfy(deployment -> {
                Container container = container(deployment);
                assertThat(path(container.getStartupProbe())).isEqualTo("/q/health/started");
                assertThat(path(container.getLivenessProbe())).isEqualTo("/q/health/live");
                assertThat(path(container.getReadinessProbe())).isEqualTo("/q/health/ready");
                for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
                    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
                }
            });
        }
        // The slow starters (DJL, PyTorch) get minutes before liveness counts.
        for (String name : List.of("nas-trainer", "nas-latency-host-cpu")) {
            Probe startup = container(defaults.deployment(name)).getStartupProbe();
            assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).as(name).isGreaterThanOrEqualTo(180);
        }
    }

    // --- secrets ----------------------------------------------------------------------------------------------------

    @Test
    void credentialsReachTheServicesOnlyThroughSecretKeyRefs() {
        for (Manifests manifests : List.of(defaults, cluster)) {
            assertThat(manifests.all()).extracting(HasMetadata::getKind).doesNotContain("Secret", "ConfigMap");
            for (Deployment deployment : manifests.deployments()) {
                PodSpec pod = deployment.getSpec().getTemplate().getSpec();
                for (Container container : Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).toList()) {
                    assertThat(container.getEnvFrom()).isEmpty();
                    for (EnvVar var : container.getEnv()) {
                        if (CREDENTIAL.matcher(var.getName()).matches()) {
                            assertThat(var.getValue()).as("%s in %s", var.getName(), deployment.getMetadata().getName()).isNull();
                            assertThat(var.getValueFrom().getSecretKeyRef()).as(var.getName()).isNotNull();
                        }
                    }
                }
            }
        }
        Map<String, String> secrets = secretRefs(cluster.deployment("nas-sampler"));
        assertThat(secrets).containsEntry("NAS_API_KEYS", "nas-sampler-api/keys")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "nas-db-sampler/user")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "nas-db-sampler/password")
                .containsEntry("NAS_OBJECT_STORE_ACCESS_KEY", "nas-s3/AWS_ACCESS_KEY_ID")
                .containsEntry("NAS_OBJECT_STORE_SECRET_KEY", "nas-s3/AWS_SECRET_ACCESS_KEY")
                .containsEntry("KAFKA_SASL_JAAS_CONFIG", "nas-kafka-user/sasl.jaas.config")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_PASSWORD", "prod-cluster-ca-cert/ca.password");
        assertThat(secretRefs(cluster.deployment("nas-reward")))
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "nas-db-reward/password");
        assertThat(secretRefs(cluster.deployment("nas-trainer")))
                .doesNotContainKeys("QUARKUS_DATASOURCE_PASSWORD", "NAS_API_KEYS")
                .containsKey("NAS_OBJECT_STORE_SECRET_KEY");
        // Values the services ship for a laptop never reach a deployment.
        assertThat(chart.render(clusterValues(), Map.of())).doesNotContain("minioadmin", "dev-key");
    }

    @Test
    void notesTellWhichSecretsToCreate() {
        String notes = chart.installOutput(clusterValues());
        for (String secret : List.of("nas-s3", "nas-db", "nas-db-sampler", "nas-db-reward", "nas-sampler-api",
                "nas-kafka-user", "prod-cluster-ca-cert")) {
            assertThat(notes).contains("kubectl -n " + NasChart.NAMESPACE + " create secret generic " + secret + " ");
        }
        assertThat(notes).contains("--from-literal=AWS_SECRET_ACCESS_KEY=", "--from-literal=keys=",
                "--from-file=ca.p12=", "nas-latency-xeon", "nas-latency-pixel3-replay");
        assertThat(chart.installOutput(null)).contains("create secret generic nas-object-store ",
                "create secret generic nas-database ", "create secret generic nas-api-keys ");
    }

    @Test
    void kafkaSecurityIsPassedToEveryService() {
        for (Deployment deployment : cluster.deployments()) {
            assertThat(env(deployment))
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "prod-kafka-bootstrap.kafka.svc:9093")
                    .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/nas/kafka-truststore/ca.p12")
                    .containsEntry("KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "https")
                    .containsEntry("NAS_TOPICS_PARTITIONS", "6")
                    .containsEntry("NAS_TOPICS_REPLICATION_FACTOR", "3");
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Volume truststore = pod.getVolumes().stream().filter(v -> v.getName().equals("kafka-truststore")).findFirst().orElseThrow();
            assertThat(truststore.getSecret().getSecretName()).isEqualTo("prod-cluster-ca-cert");
            assertThat(container(deployment).getVolumeMounts())
                    .anySatisfy(m -> {
                        assertThat(m.getName()).isEqualTo("kafka-truststore");
                        assertThat(m.getMountPath()).isEqualTo("/etc/nas/kafka-truststore");
                        assertThat(m.getReadOnly()).isTrue();
                    });
        }
        assertThat(env(defaults.deployment("nas-sampler"))).doesNotContainKeys("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM");
        assertThatThrownBy(() -> chart.render(null, Map.of("kafka.sasl.mechanism", "PLAIN")))
                .hasMessageContaining("kafka.sasl.jaasConfig.existingSecret");
    }

    /** Every NAS_* and QUARKUS_* variable the chart sets names a key the service really reads. */
    @Test
    void environmentNamesConfigurationTheServicesRead() {
        for (Manifests manifests : List.of(defaults, cluster)) {
            for (Deployment deployment : manifests.deployments()) {
                String service = deployment.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/component");
                ServiceConfiguration configuration = ServiceConfiguration.of(service);
                assertThat(container(deployment).getEnv()).extracting(EnvVar::getName)
                        .filteredOn(name -> name.startsWith("NAS_") || name.startsWith("QUARKUS_"))
                        .allSatisfy(name -> assertThat(configuration.acceptsEnvironment(name))
                                .as("%s of %s is one of %s", name, service, configuration.keys()).isTrue());
            }
        }
        assertThat(fieldRef(defaults.deployment("nas-trainer"), "NAS_TRAINER_ID")).isEqualTo("metadata.name");
    }

    // --- training data ----------------------------------------------------------------------------------------------

    @Test
    void trainingDataFromAnExistingClaim() {
        Deployment trainer = cluster.deployment("nas-trainer");
        Volume data = trainer.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("training-data")).findFirst().orElseThrow();
        assertThat(data.getPersistentVolumeClaim().getClaimName()).isEqualTo("nas-training-data");
        assertThat(container(trainer).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("training-data");
            assertThat(m.getMountPath()).isEqualTo("/data");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(env(trainer)).containsEntry("NAS_TRAINER_DJL_FASHION_MNIST", "/data/fashion-mnist")
                .containsEntry("NAS_TRAINER_TABULAR_CSV", "/data/nb201/search.csv")
                .containsEntry("NAS_TRAINER_DJL_THREADS", "4");
        assertThat(env(defaults.deployment("nas-trainer"))).doesNotContainKeys("NAS_TRAINER_DJL_FASHION_MNIST",
                "NAS_TRAINER_TABULAR_CSV");
        assertThatThrownBy(() -> chart.render(null, Map.of("trainer.data.source", "volume")))
                .hasMessageContaining("trainer.data.volume.existingClaim");
    }

    @Test
    void trainingDataFromABucketPrefix() {
        Manifests bucket = Manifests.parse(chart.render(null, Map.of("trainer.data.source", "bucket",
                "trainer.data.bucket.prefix", "datasets/fashion")));
        Deployment trainer = bucket.deployment("nas-trainer");
        PodSpec pod = trainer.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("training-data");
            assertThat(v.getEmptyDir()).isNotNull();
        });
        assertThat(pod.getInitContainers()).singleElement().satisfies(init -> {
            assertThat(init.getImage()).startsWith("minio/mc:");
            assertThat(init.getSecurityContext().getRunAsUser()).isEqualTo(65534L);
            assertThat(init.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(init.getArgs()).containsExactly("mirror", "--overwrite", "--remove", "data/nas/datasets/fashion", "/data");
            Map<String, String> env = new TreeMap<>();
            init.getEnv().forEach(var -> env.put(var.getName(), var.getValue()));
            assertThat(env.get("MC_HOST_data")).isEqualTo("http://$(S3_ACCESS_KEY):$(S3_SECRET_KEY)@minio:9000");
            assertThat(init.getEnv()).filteredOn(var -> var.getName().startsWith("S3_"))
                    .allSatisfy(var -> assertThat(var.getValueFrom().getSecretKeyRef().getName()).isEqualTo("nas-object-store"));
        });
        assertThat(env(trainer)).containsEntry("NAS_TRAINER_DJL_FASHION_MNIST", "/data/fashion-mnist");
    }

    // --- Strimzi topics --------------------------------------------------------------------------------------------

    @Test
    void strimziTopicsCoverEveryTopicAndDeadLetterTopic() {
        Set<String> expected = new TreeSet<>();
        for (String service : SERVICES) {
            ServiceConfiguration configuration = ServiceConfiguration.of(service);
            expected.addAll(configuration.listProperty("nas.topics.produced"));
            configuration.listProperty("nas.topics.consumed").forEach(topic -> {
                expected.add(topic);
                expected.add(topic + ".dlq");
            });
        }
        assertThat(expected).containsAll(COMPACTED).contains("nas.results.dlq", "nas.training.progress");

        List<GenericKubernetesResource> topics = cluster.ofKind("KafkaTopic");
        Map<String, GenericKubernetesResource> byName = new LinkedHashMap<>();
        topics.forEach(topic -> byName.put(topic.get("spec", "topicName"), topic));
        assertThat(byName.keySet()).as("one KafkaTopic per topic").hasSameSizeAs(topics)
                .containsExactlyInAnyOrderElementsOf(expected);
        byName.forEach((name, topic) -> {
            assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(topic.getMetadata().getNamespace()).isEqualTo("kafka");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "prod");
            assertThat((Object) topic.get("spec", "partitions")).isEqualTo(6);
            assertThat((Object) topic.get("spec", "replicas")).isEqualTo(3);
            assertThat((Object) topic.get("spec", "config", "cleanup.policy"))
                    .as(name).isEqualTo(COMPACTED.contains(name) ? "compact" : "delete");
            assertThat((Object) topic.get("spec", "config", "min.insync.replicas")).isEqualTo(2);
            if (name.endsWith(".dlq")) {
                assertThat((Object) topic.get("spec", "config", "retention.ms")).isEqualTo(1209600000);
            } else {
                assertThat((Object) topic.get("spec", "config", "retention.ms")).isNull();
            }
        });
        assertThat(defaults.ofKind("KafkaTopic")).isEmpty();
    }

    // --- KEDA -----------------------------------------------------------------------------------------------------

    @Test
    void kedaScalesTrainersOnTheLagOfTheirGroupOnProposals() {
        ServiceConfiguration trainerConfig = ServiceConfiguration.of("trainer");
        GenericKubernetesResource scaled = cluster.ofKind("ScaledObject").stream().findFirst().orElseThrow();
        assertThat(scaled.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        assertThat(scaled.getMetadata().getName()).isEqualTo("nas-trainer");
        assertThat((Object) scaled.get("spec", "scaleTargetRef", "name")).isEqualTo("nas-trainer");
        assertThat((Object) scaled.get("spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        assertThat((Object) scaled.get("spec", "minReplicaCount")).isEqualTo(1);
        assertThat((Object) scaled.get("spec", "maxReplicaCount")).isEqualTo(6);
        List<Map<String, Object>> triggers = scaled.get("spec", "triggers");
        assertThat(triggers).singleElement().satisfies(trigger -> {
            assertThat(trigger).containsEntry("type", "kafka");
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) trigger.get("metadata");
            assertThat(metadata)
                    .containsEntry("consumerGroup", trainerConfig.property("mp.messaging.incoming.proposals.group.id"))
                    .containsEntry("topic", trainerConfig.property("mp.messaging.incoming.proposals.topic"))
                    .containsEntry("bootstrapServers", "prod-kafka-bootstrap.kafka.svc:9093")
                    .containsEntry("lagThreshold", "1")
                    .containsEntry("sasl", "scram_sha512")
                    .containsEntry("tls", "enable");
            assertThat(trigger).containsEntry("authenticationRef", Map.of("name", "nas-trainer", "kind", "TriggerAuthentication"));
        });
        GenericKubernetesResource auth = cluster.ofKind("TriggerAuthentication").stream().findFirst().orElseThrow();
        assertThat(auth.getMetadata().getName()).isEqualTo("nas-trainer");
        List<Map<String, Object>> refs = auth.get("spec", "secretTargetRef");
        assertThat(refs).extracting(ref -> ref.get("parameter")).containsExactly("username", "password", "ca");
        assertThat(cluster.deployment("nas-trainer").getSpec().getReplicas()).as("KEDA owns the replica count").isNull();
        assertThat(defaults.deployment("nas-trainer").getSpec().getReplicas()).isEqualTo(1);
        assertThat(defaults.ofKind("ScaledObject")).isEmpty();
    }

    // --- values.schema.json ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"sampler.replicaz, replicaz", "kafka.bootstrapServer, bootstrapServer",
            "trainer.autoscaling.keda.enable, enable", "objectStore.secretKey, secretKey", "reward.resources.limit.cpu, limit"})
    void misspeltValuesAreRefusedBySchema(String typo, String misspelt) {
        assertThatThrownBy(() -> chart.render(null, Map.of(typo, "2")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("'" + misspelt + "' not allowed");
    }

    @Test
    void aMisspeltPoolKeyIsRefusedBySchema() throws Exception {
        Path typo = Files.createTempFile("values-typo", ".yaml");
        try {
            Files.writeString(typo, """
                    latency:
                      pools:
                        - name: a
                          deviceType: x
                          probe: host-cpu
                          nodeSelecter:
                            zone: a
                    """);
            assertThatThrownBy(() -> chart.render(typo, Map.of())).hasMessageContaining("'nodeSelecter' not allowed");
        } finally {
            Files.delete(typo);
        }
    }

    @Test
    void invalidValuesAreRefusedBySchema() {
        assertThatThrownBy(() -> chart.render(null, Map.of("latency.pools[0].probe", "adb")))
                .hasMessageContaining("schema");
        assertThatThrownBy(() -> chart.render(null, Map.of("trainer.data.source", "s3")))
                .hasMessageContaining("schema");
        assertThatThrownBy(() -> chart.render(null, Map.of("kafka.extraEnv.SASL_MECHANISM", "PLAIN")))
                .hasMessageContaining("schema");
    }

    @Test
    void lintFailsOnAMisspeltValuesFile() throws Exception {
        Path typo = Files.createTempFile("values-typo", ".yaml");
        try {
            Files.writeString(typo, "sampler:\n  replicaz: 2\n");
            LintResult lint = chart.lint(typo);
            assertThat(lint.isFailed()).isTrue();
            assertThat(String.join("\n", lint.getMessages())).contains("replicaz");
        } finally {
            Files.delete(typo);
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static String path(Probe probe) {
        assertThat(probe).isNotNull();
        return probe.getHttpGet().getPath();
    }

    /** Plain env values of the service container (a var from a Secret or field maps to null). */
    private static Map<String, String> env(Deployment deployment) {
        Map<String, String> env = new TreeMap<>();
        container(deployment).getEnv().forEach(var -> env.put(var.getName(), var.getValue()));
        return env;
    }

    private static String fieldRef(Deployment deployment, String name) {
        return container(deployment).getEnv().stream().filter(var -> var.getName().equals(name)).findFirst()
                .map(var -> var.getValueFrom().getFieldRef().getFieldPath()).orElseThrow();
    }

    /** NAME -> secret/key of every env var of the service container that comes from a Secret. */
    private static Map<String, String> secretRefs(Deployment deployment) {
        Map<String, String> refs = new TreeMap<>();
        container(deployment).getEnv().stream()
                .filter(var -> var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null)
                .forEach(var -> refs.put(var.getName(),
                        var.getValueFrom().getSecretKeyRef().getName() + "/" + var.getValueFrom().getSecretKeyRef().getKey()));
        return refs;
    }
}
