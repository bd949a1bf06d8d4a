package io.nas.charts;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The documents of one {@code helm template}, each parsed into fabric8's Kubernetes model: typed for built-in kinds,
 * {@link GenericKubernetesResource} for custom resources (KEDA, Strimzi). A field the model does not know (a misspelt
 * key, a key at the wrong level) fails the parse, where fabric8 alone would keep it aside in additionalProperties.
 */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$");

    private final List<HasMetadata> objects;

    private Manifests(List<HasMetadata> objects) {
        this.objects = objects;
    }

    static Manifests parse(String rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(rendered)) {
            if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            if (!(parsed instanceof HasMetadata object)) {
                throw new IllegalArgumentException("Not a Kubernetes object: " + parsed + "\n" + document);
            }
            checkObject(object, document);
            objects.add(object);
        }
        return new Manifests(objects);
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> ofKind(String kind) {
        return ofType(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    List<Deployment> deployments() {
        return ofType(Deployment.class);
    }

    List<Service> services() {
        return ofType(Service.class);
    }

    Deployment deployment(String name) {
        return find(Deployment.class, name).orElseThrow(() -> new AssertionError("No Deployment " + name));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return ofType(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    private static void checkObject(HasMetadata object, String document) {
        var metadata = object.getMetadata();
        if (object.getApiVersion() == null || object.getKind() == null || metadata == null || metadata.getName() == null) {
            throw new IllegalArgumentException("apiVersion, kind and metadata.name are required:\n" + document);
        }
        if (metadata.getName().length() > 253 || !DNS_SUBDOMAIN.matcher(metadata.getName()).matches()) {
            throw new IllegalArgumentException("Invalid name " + metadata.getName());
        }
        if (metadata.getLabels() != null) {
            metadata.getLabels().forEach((key, value) -> {
                if (value == null || value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
                    throw new IllegalArgumentException("Invalid label " + key + "=" + value + " on " + metadata.getName());
                }
            });
        }
        if (!(object instanceof GenericKubernetesResource)) {
            List<String> unknown = new ArrayList<>();
            collectUnknownFields(object, object.getKind(), unknown);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("Fields unknown to " + object.getKind() + " " + metadata.getName()
                        + ": " + unknown);
            }
        }
    }

    /** Walks the typed model and names every field that only landed in an additionalProperties map. */
    private static void collectUnknownFields(Object node, String path, List<String> unknown) {
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectUnknownFields(list.get(i), path + "[" + i + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
            return;
        }
        if (!(node instanceof KubernetesResource) || node instanceof GenericKubernetesResource) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else if (value != null) {
                collectUnknownFields(value, path + "." + propertyName(getter), unknown);
            }
        }
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
