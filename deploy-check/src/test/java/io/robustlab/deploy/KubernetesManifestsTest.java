package io.robustlab.deploy;

import static io.robustlab.deploy.ComposeFileTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.robustlab.contracts.message.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The manifests under k8s/: every file is a typed Kubernetes object (fabric8's model) with no field the model does
 * not know, every file is part of a kustomization, and the base and each rendered overlay keep the invariants the
 * services need — probes on the actuator's health groups at the services' ports, requests and limits, non-root,
 * grace periods longer than a worker's shutdown, a disruption budget for the API, KEDA scaling from zero on the job
 * queues the API declares, GPUs only in the gpu overlay. No cluster here: nothing is applied.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Repository.file("k8s");
    private static final Pattern DOCKER_USER = Pattern.compile("(?m)^USER (\\d+):(\\d+)$");
    private static final String GPU = "nvidia.com/gpu";

    @Test
    void everyManifestIsATypedObjectWithNoUnknownField() throws IOException {
        List<Path> manifests = manifestFiles();
        assertThat(manifests).hasSizeGreaterThan(15);
        for (Path file : manifests) {
            List<HasMetadata> objects = Manifests.parse(file);
            String name = K8S.relativize(file).toString();
            assertThat(objects).as(name + ": one object per file").hasSize(1);
            HasMetadata object = objects.getFirst();
            assertThat(Manifests.unknownFields(object)).as(name + ": fields the Kubernetes model does not know")
                    .isEmpty();
            if (object instanceof GenericKubernetesResource) {
                assertThat(object.getApiVersion()).as(name + ": only KEDA's kinds are untyped").isEqualTo("keda.sh/v1alpha1");
                assertThat(object.getKind()).isIn("ScaledObject", "TriggerAuthentication");
            }
        }
    }

    @Test
    void theUnknownFieldCheckFindsAMisspeltField() {
        HasMetadata object = Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinesProbe: {httpGet: {path: /, port: 80}}
                """, "inline").getFirst();

        assertThat(object).isInstanceOf(Deployment.class);
        assertThat(Manifests.unknownFields(object)).singleElement().asString().contains("readinesProbe");
    }

    @Test
    void baseFilesAreNamedComponentDashKind() throws IOException {
        for (Path file : manifestFiles()) {
            Path relative = K8S.relativize(file);
            if (!relative.startsWith("base")) {
                continue;
            }
            HasMetadata object = Manifests.parse(file).getFirst();
            String component = relative.getParent().getFileName().toString();
            assertThat(relative.getFileName().toString()).as(relative.toString())
                    .isEqualTo(component + "-" + object.getKind().toLowerCase() + ".yaml");
        }
    }

    @Test
    void everyFileIsInAKustomizationAndEveryEntryExists() throws IOException {
        Set<Path> referenced = new HashSet<>();
        List<Path> kustomizations;
        try (Stream<Path> files = Files.walk(K8S)) {
            kustomizations = files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
        }
        assertThat(kustomizations).extracting(k -> K8S.relativize(k.getParent()).toString())
                .containsExactlyInAnyOrder("base", "overlays/dev", "overlays/production", "overlays/gpu");
        for (Path kustomization : kustomizations) {
            Map<String, Object> content = Repository.yaml(kustomization);
            List<String> entries = new ArrayList<>(ComposeFileTest.strings(content.get("resources")));
            for (Object patch : (List<?>) content.getOrDefault("patches", List.of())) {
                entries.add((String) map(patch).get("path"));
            }
            for (String entry : entries) {
                Path target = kustomization.getParent().resolve(entry).normalize();
                assertThat(target).as(K8S.relativize(kustomization) + " lists " + entry).exists();
                if (Files.isDirectory(target)) {
                    assertThat(target.resolve("kustomization.yaml")).as(entry + " is a kustomization").isRegularFile();
                }
                referenced.add(target);
            }
        }
        assertThat(manifestFiles()).allSatisfy(file ->
                assertThat(referenced).as(K8S.relativize(file) + " is listed by a kustomization").contains(file));
    }

    @Test
    void theBaseKeepsTheInvariants() throws IOException {
        List<HasMetadata> base = new ArrayList<>();
        for (Path file : manifestFiles()) {
            if (K8S.relativize(file).startsWith("base")) {
                base.addAll(Manifests.parse(file));
            }
        }
        checkInvariants(base, "base");
        assertNoGpu(base, "base");
    }

    @Test
    void theDevOverlayRunsEverythingInItsNamespace() {
        List<HasMetadata> dev = Manifests.render(K8S.resolve("overlays/dev"));
        checkInvariants(dev, "dev");
        assertNoGpu(dev, "dev");
        assertNamespace(dev, "robustlab-dev");
        assertThat(names(dev, StatefulSet.class)).containsExactlyInAnyOrder("postgres", "rabbitmq", "minio");
        assertThat(names(dev, Namespace.class)).containsExactly("robustlab-dev");

        // Everything a pod or KEDA reads from a Secret or ConfigMap is in the overlay, key by key.
        Map<String, Set<String>> keys = new java.util.HashMap<>();
        of(dev, Secret.class).forEach(s -> keys.put(s.getMetadata().getName(), secretKeys(s)));
        of(dev, ConfigMap.class).forEach(c -> keys.put(c.getMetadata().getName(), c.getData().keySet()));
        for (PodSpec pod : pods(dev)) {
            for (Container container : pod.getContainers()) {
                for (EnvFromSource source : nullSafe(container.getEnvFrom())) {
                    String name = source.getSecretRef() != null ? source.getSecretRef().getName()
                            : source.getConfigMapRef().getName();
                    assertThat(keys).as(container.getName() + " reads " + name).containsKey(name);
                }
                for (EnvVar env : nullSafe(container.getEnv())) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        var ref = env.getValueFrom().getSecretKeyRef();
                        assertThat(keys.getOrDefault(ref.getName(), Set.of()))
                                .as(container.getName() + ": " + env.getName() + " from " + ref.getName())
                                .contains(ref.getKey());
                    }
                }
            }
        }
        for (GenericKubernetesResource auth : generic(dev, "TriggerAuthentication")) {
            for (Object ref : (List<?>) auth.get("spec", "secretTargetRef")) {
                assertThat(keys.getOrDefault((String) map(ref).get("name"), Set.of()))
                        .as("KEDA's " + auth.getMetadata().getName()).contains((String) map(ref).get("key"));
            }
        }

        // RabbitMQ in the cluster gets the same settings as in compose (consumer_timeout).
        ConfigMap rabbitConfig = of(dev, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals("rabbitmq-config")).findFirst().orElseThrow();
        assertThat(rabbitConfig.getData().get("90-robustlab.conf").strip())
                .isEqualTo(Repository.read(Repository.file("deploy/rabbitmq/rabbitmq.conf")).strip());
        Container rabbit = statefulSet(dev, "rabbitmq").getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(rabbit.getImage()).matches("rabbitmq:(3\\.13|4\\.\\d+)(\\.\\d+)?-management");
        assertThat(rabbit.getVolumeMounts()).anySatisfy(mount ->
                assertThat(mount.getMountPath()).isEqualTo("/etc/rabbitmq/conf.d/90-robustlab.conf"));
    }

    @Test
    void theProductionOverlayReadsDatasetsFromAVolumeAndNeverDownloads() {
        List<HasMetadata> production = Manifests.render(K8S.resolve("overlays/production"));
        checkInvariants(production, "production");
        assertNoGpu(production, "production");
        assertNamespace(production, "robustlab");
        assertThat(of(production, Secret.class)).as("production's Secrets are created outside the repository").isEmpty();
        assertThat(of(production, StatefulSet.class)).as("no in-cluster databases in production").isEmpty();
        for (Service worker : Service.workers()) {
            PodSpec pod = deployment(production, worker.name()).getSpec().getTemplate().getSpec();
            Volume datasets = pod.getVolumes().stream().filter(v -> v.getName().equals("datasets")).findFirst()
                    .orElseThrow();
            assertThat(datasets.getEmptyDir()).isNull();
            assertThat(datasets.getPersistentVolumeClaim().getClaimName()).isEqualTo("robustlab-datasets");
            assertThat(env(container(pod, worker.name()), "ROBUSTLAB_DATA_DOWNLOAD")).isEqualTo("false");
        }
    }

    @Test
    void theGpuOverlayGivesEachWorkerAGpuOnAGpuNode() {
        List<HasMetadata> gpu = Manifests.render(K8S.resolve("overlays/gpu"));
        checkInvariants(gpu, "gpu");
        assertNamespace(gpu, "robustlab");
        for (Service worker : Service.workers()) {
            PodSpec pod = deployment(gpu, worker.name()).getSpec().getTemplate().getSpec();
            Container container = container(pod, worker.name());
            Quantity limit = container.getResources().getLimits().get(GPU);
            assertThat(limit).as(worker.name() + " GPU limit").isNotNull();
            assertThat(limit.getNumericalAmount().intValueExact()).isGreaterThanOrEqualTo(1);
            assertThat(container.getImage()).endsWith("-gpu");
            assertThat(env(container, "ROBUSTLAB_WORKER_DEVICE")).isEqualTo("gpu");
            assertThat(pod.getNodeSelector()).as(worker.name() + " node selector").isNotEmpty();
            assertThat(pod.getTolerations()).extracting(Toleration::getKey).contains(GPU);
        }
        Container api = container(deployment(gpu, "api-service").getSpec().getTemplate().getSpec(), "api-service");
        assertThat(api.getResources().getLimits()).doesNotContainKey(GPU);
        assertThat(api.getImage()).doesNotEndWith("-gpu");
    }

    /** What holds in the base and in every overlay. */
    private static void checkInvariants(List<HasMetadata> objects, String context) {
        for (HasMetadata object : objects) {
            assertThat(Manifests.unknownFields(object)).as(context + ": unknown fields").isEmpty();
        }
        List<PodTemplateSpec> templates = new ArrayList<>();
        of(objects, Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
        of(objects, StatefulSet.class).forEach(s -> templates.add(s.getSpec().getTemplate()));
        assertThat(templates).as(context + ": workloads").isNotEmpty();
        for (PodTemplateSpec template : templates) {
            PodSpec pod = template.getSpec();
            String where = context + ": " + template.getMetadata().getLabels().get("app.kubernetes.io/name");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(where + " runAsNonRoot").isTrue();
            for (Container container : pod.getContainers()) {
                assertThat(container.getLivenessProbe()).as(where + " liveness probe").isNotNull();
                assertThat(container.getReadinessProbe()).as(where + " readiness probe").isNotNull();
                assertThat(container.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(where + " limits").containsKeys("cpu", "memory");
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(where).isFalse();
            }
        }

        for (Service service : Service.all()) {
            Deployment deployment = deployment(objects, service.name());
            checkService(objects, service, deployment, context);
        }

        PodDisruptionBudget budget = of(objects, PodDisruptionBudget.class).stream()
                .filter(b -> b.getMetadata().getName().equals("api-service")).findFirst()
                .orElseThrow(() -> new AssertionError(context + ": no PodDisruptionBudget for the API"));
        assertThat(deployment(objects, "api-service").getSpec().getTemplate().getMetadata().getLabels())
                .as(context + ": the budget selects the API's pods")
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        io.fabric8.kubernetes.api.model.Service apiService = of(objects, io.fabric8.kubernetes.api.model.Service.class)
                .stream().filter(s -> s.getMetadata().getName().equals("api-service")).findFirst().orElseThrow();
        assertThat(apiService.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(Service.named("api-service").port());
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });

        checkAutoscaling(objects, context);
    }

    private static void checkService(List<HasMetadata> objects, Service service, Deployment deployment, String context) {
        String where = context + ": " + service.name();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = container(pod, service.name());
        assertThat(container.getImage()).as(where + " image")
                .isIn(service.image() + ":" + Repository.version(), service.image() + ":" + Repository.version() + "-gpu");
        assertThat(container.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .as(where + " port").containsExactly(org.assertj.core.groups.Tuple.tuple("http", service.port()));
        assertThat(env(container, service.portVariable())).as(where).isEqualTo(Integer.toString(service.port()));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/port", Integer.toString(service.port()))
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
        checkProbe(container.getLivenessProbe(), "/actuator/health/liveness", where + " liveness");
        checkProbe(container.getReadinessProbe(), "/actuator/health/readiness", where + " readiness");

        // The image's user, so runAsNonRoot can be checked by the kubelet.
        Matcher user = DOCKER_USER.matcher(Repository.read(Repository.file(service.dockerfile())));
        assertThat(user.find()).as(service.dockerfile() + " USER uid:gid").isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).as(where + " runAsUser")
                .isEqualTo(Long.parseLong(user.group(1)));

        // Every variable it is given is one it reads: direct ones, and those of the ConfigMaps and Secrets present.
        Set<String> known = ServiceConfiguration.variables(service);
        Set<String> given = new TreeSet<>();
        nullSafe(container.getEnv()).forEach(env -> given.add(env.getName()));
        for (EnvFromSource source : nullSafe(container.getEnvFrom())) {
            if (source.getConfigMapRef() != null) {
                of(objects, ConfigMap.class).stream()
                        .filter(c -> c.getMetadata().getName().equals(source.getConfigMapRef().getName()))
                        .forEach(c -> given.addAll(c.getData().keySet()));
            } else {
                of(objects, Secret.class).stream()
                        .filter(s -> s.getMetadata().getName().equals(source.getSecretRef().getName()))
                        .forEach(s -> given.addAll(secretKeys(s)));
            }
        }
        assertThat(given).as(where + ": variables it does not read").isSubsetOf(known);

        if (service.worker()) {
            Duration shutdown = Durations.parse(env(container, "ROBUSTLAB_WORKER_SHUTDOWNTIMEOUT"));
            assertThat(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds()))
                    .as(where + ": the grace period covers the worker's shutdown and a checkpoint upload")
                    .isGreaterThanOrEqualTo(shutdown.plusSeconds(30));
            assertThat(deployment.getSpec().getReplicas()).as(where + ": replicas are KEDA's").isNull();
        } else {
            assertThat(deployment.getSpec().getReplicas()).as(where + " replicas").isPositive();
        }
    }

    private static void checkProbe(Probe probe, String path, String where) {
        assertThat(probe.getHttpGet()).as(where).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(where).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(where + " port (by name)").isEqualTo("http");
    }

    /** Each worker scales from zero on its own job queue, counting messages being worked on. */
    private static void checkAutoscaling(List<HasMetadata> objects, String context) {
        String namespace = of(objects, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals("robustlab-config")).findFirst().orElseThrow()
                .getData().get("ROBUSTLAB_MESSAGING_NAMESPACE");
        Topology topology = new Topology(namespace);
        Map<String, String> queues = Map.of("trainer-service", topology.trainQueue(),
                "attack-service", topology.attackQueue());
        List<GenericKubernetesResource> scaled = generic(objects, "ScaledObject");
        assertThat(scaled).as(context + ": ScaledObjects").hasSize(queues.size());
        Set<String> authentications = new HashSet<>(generic(objects, "TriggerAuthentication").stream()
                .map(a -> a.getMetadata().getName()).toList());
        for (GenericKubernetesResource object : scaled) {
            String target = object.get("spec", "scaleTargetRef", "name");
            String where = context + ": ScaledObject " + object.getMetadata().getName();
            assertThat(queues).as(where + " scales a worker").containsKey(target);
            deployment(objects, target);
            assertThat(((Number) object.get("spec", "minReplicaCount")).intValue()).as(where).isZero();
            assertThat(((Number) object.get("spec", "maxReplicaCount")).intValue()).as(where).isPositive();
            List<?> triggers = object.get("spec", "triggers");
            assertThat(triggers).as(where).singleElement().satisfies(trigger -> {
                Map<String, Object> t = map(trigger);
                Map<String, Object> metadata = map(t.get("metadata"));
                assertThat(t.get("type")).isEqualTo("rabbitmq");
                assertThat(metadata).as(where).containsEntry("queueName", queues.get(target))
                        .containsEntry("mode", "QueueLength")
                        // The management API's length includes unacknowledged messages: running jobs keep workers.
                        .containsEntry("protocol", "http");
                assertThat(authentications).contains((String) map(t.get("authenticationRef")).get("name"));
            });
        }
    }

    private static void assertNoGpu(List<HasMetadata> objects, String context) {
        for (PodSpec pod : pods(objects)) {
            for (Container container : pod.getContainers()) {
                assertThat(container.getResources().getLimits()).as(context).doesNotContainKey(GPU);
                assertThat(container.getImage()).as(context).doesNotEndWith("-gpu");
            }
        }
    }

    private static void assertNamespace(List<HasMetadata> objects, String namespace) {
        for (HasMetadata object : objects) {
            if (!(object instanceof Namespace)) {
                assertThat(object.getMetadata().getNamespace()).as(object.getKind() + " " + object.getMetadata().getName())
                        .isEqualTo(namespace);
            }
        }
    }

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .filter(f -> !f.getParent().getFileName().toString().equals("patches"))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<String> names(List<HasMetadata> objects, Class<? extends HasMetadata> type) {
        return of(objects, type).stream().map(o -> o.getMetadata().getName()).toList();
    }

    private static List<GenericKubernetesResource> generic(List<HasMetadata> objects, String kind) {
        return of(objects, GenericKubernetesResource.class).stream().filter(g -> g.getKind().equals(kind)).toList();
    }

    private static List<PodSpec> pods(List<HasMetadata> objects) {
        List<PodSpec> pods = new ArrayList<>();
        of(objects, Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        of(objects, StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate().getSpec()));
        return pods;
    }

    private static Deployment deployment(List<HasMetadata> objects, String name) {
        return of(objects, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    private static StatefulSet statefulSet(List<HasMetadata> objects, String name) {
        return of(objects, StatefulSet.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no StatefulSet " + name));
    }

    private static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    private static String env(Container container, String name) {
        return nullSafe(container.getEnv()).stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
                .findFirst().orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
    }

    private static Set<String> secretKeys(Secret secret) {
        Set<String> keys = new TreeSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
