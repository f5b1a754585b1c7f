package io.robustlab.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Kubernetes manifests as fabric8's typed model: a Deployment becomes a {@code Deployment}, a KEDA object (whose
 * kinds fabric8 does not know) a {@link GenericKubernetesResource}. Overlays are rendered by kustomize, as
 * {@code kubectl apply -k} renders them: {@code kubectl kustomize} (kustomize built into kubectl) or {@code kustomize
 * build}, whichever is on the PATH.
 */
final class Manifests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private Manifests() {
    }

    /** Every object in a YAML text of one or more documents. */
    static List<HasMetadata> parse(String yaml, String origin) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map<?, ?>)) {
                throw new IllegalStateException(origin + ": a document that is not an object");
            }
            try {
                Object object = KUBERNETES.unmarshal(JSON.writeValueAsString(document));
                if (!(object instanceof HasMetadata resource)) {
                    throw new IllegalStateException(origin + ": not a Kubernetes object: " + document);
                }
                objects.add(resource);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(origin + ": " + e.getMessage(), e);
            }
        }
        return objects;
    }

    static List<HasMetadata> parse(Path file) {
        return parse(Repository.read(file), Repository.root().relativize(file).toString());
    }

    /**
     * Fields the typed model did not know (a misspelt {@code readinesProbe}, a field at the wrong level): fabric8
     * keeps them aside instead of failing, so they are looked for here.
     */
    static List<String> unknownFields(HasMetadata object) {
        List<String> unknown = new ArrayList<>();
        if (!(object instanceof GenericKubernetesResource)) {
            walk(object, object.getKind() + "/" + object.getMetadata().getName(), unknown);
        }
        return unknown;
    }

    private static void walk(Object model, String path, List<String> unknown) {
        if (model instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, unknown));
            return;
        }
        if (model == null || !model.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(getter + ": " + e, e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                String name = getter.getName().substring(3);
                walk(value, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), unknown);
            }
        }
    }

    /** The command that renders a kustomization here, or null when there is none. */
    static List<String> kustomizeCommand() {
        if (runs(List.of("kubectl", "kustomize", "--help"))) {
            return List.of("kubectl", "kustomize");
        }
        if (runs(List.of("kustomize", "version"))) {
            return List.of("kustomize", "build");
        }
        return null;
    }

    /** The objects {@code kubectl apply -k directory} would apply. Skipped without kustomize; failed in CI. */
    static List<HasMetadata> render(Path directory) {
        List<String> command = kustomizeCommand();
        if (command == null) {
            String reason = "neither kubectl nor kustomize is on the PATH: overlays are not rendered";
            if (Repository.inCi()) {
                Assertions.fail(reason);
            }
            Assumptions.abort(reason);
        }
        List<String> full = new ArrayList<>(command);
        full.add(directory.toString());
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                Assertions.fail(String.join(" ", full) + " failed: " + err);
            }
            return parse(new String(out, StandardCharsets.UTF_8), String.join(" ", full));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean runs(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
