package io.robustlab.contracts.spec;

import static java.util.Comparator.comparingInt;

import java.lang.reflect.ParameterizedType;
import java.math.BigDecimal;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON tree into spec records. A JSON field is read into the record component of the same name, so
 * the records are the schema and a new field cannot be forgotten here. Every unknown field and wrong type is
 * collected under its path, and the field is left null; a JSON null is the same as a field left out.
 */
final class SpecReader {

    private static final Map<String, Class<? extends JobSpec>> KINDS = Map.of(
            TrainSpec.KIND, TrainSpec.class,
            EvaluateSpec.KIND, EvaluateSpec.class);
    private static final List<String> KIND_NAMES = KINDS.keySet().stream().sorted().toList();
    private static final int MAX_SUGGESTION_DISTANCE = 2;

    private SpecReader() {
    }

    /** The spec, its defaults not filled in; null when it has no known kind (checks then says why). */
    static JobSpec read(JsonNode root, SpecChecks checks) {
        if (!root.isObject()) {
            checks.add("", "a spec must be a JSON object");
            return null;
        }
        JsonNode kind = root.get("kind");
        if (kind == null || kind.isNull()) {
            checks.add("kind", "is required: one of " + String.join(", ", KIND_NAMES));
            return null;
        }
        if (!kind.isString()) {
            checks.add("kind", "must be a string");
            return null;
        }
        if (!checks.oneOf("kind", kind.stringValue(), KIND_NAMES)) {
            return null;
        }
        return readRecord(KINDS.get(kind.stringValue()), root, checks);
    }

    private static <R> R readRecord(Class<R> type, JsonNode object, SpecChecks checks) {
        RecordComponent[] components = type.getRecordComponents();
        List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
        for (String property : object.propertyNames()) {
            if (!names.contains(property)) {
                checks.add(property, unknownField(property, names));
            }
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            JsonNode value = object.get(names.get(i));
            if (value != null && !value.isNull()) {
                values[i] = readValue(components[i].getGenericType(), value, checks, names.get(i));
            }
        }
        try {
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
        }
    }

    private static Object readValue(Type type, JsonNode node, SpecChecks checks, String name) {
        if (type == String.class) {
            return node.isString() ? node.stringValue() : wrongType(checks, name, "a string");
        }
        if (type == Integer.class) {
            Long value = integer(node, Integer.MIN_VALUE, Integer.MAX_VALUE, checks, name);
            return value != null ? Integer.valueOf(value.intValue()) : null;
        }
        if (type == Long.class) {
            return integer(node, Long.MIN_VALUE, Long.MAX_VALUE, checks, name);
        }
        if (type == Double.class) {
            if (!node.isNumber()) {
                return wrongType(checks, name, "a number");
            }
            if (!Double.isFinite(node.doubleValue())) {
                return wrongType(checks, name, "a finite number");
            }
            return Double.valueOf(node.doubleValue());
        }
        if (type == Boolean.class) {
            if (!node.isBoolean()) {
                return wrongType(checks, name, "true or false");
            }
            return Boolean.valueOf(node.booleanValue());
        }
        if (type == ActivationSpec.class && node.isString()) {
            return ActivationSpec.named(node.stringValue());
        }
        if (type instanceof Class<?> record && record.isRecord()) {
            if (!node.isObject()) {
                return wrongType(checks, name, record == ActivationSpec.class ? "a string or an object" : "an object");
            }
            return readRecord(record, node, checks.nested(name));
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            if (!node.isArray()) {
                return wrongType(checks, name, "an array");
            }
            Type elementType = list.getActualTypeArguments()[0];
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                elements.add(readValue(elementType, node.get(i), checks, name + "[" + i + "]"));
            }
            return Collections.unmodifiableList(elements);
        }
        if (type instanceof ParameterizedType map && map.getRawType() == Map.class) {
            if (!node.isObject()) {
                return wrongType(checks, name, "an object");
            }
            Type valueType = map.getActualTypeArguments()[1];
            Map<String, Object> entries = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                entries.put(entry.getKey(), readValue(valueType, entry.getValue(), checks, name + "." + entry.getKey()));
            }
            return Collections.unmodifiableMap(entries);
        }
        throw new IllegalStateException("no JSON form for a spec field of type " + type);
    }

    /**
     * The integer the node holds, or null (and a violation) if it holds none in [min, max]. 10.0 and 1e3 are
     * integers: JSON does not tell them apart from 10 and 1000. 1.5 is not.
     */
    private static Long integer(JsonNode node, long min, long max, SpecChecks checks, String name) {
        if (!node.isNumber() || node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return wrongType(checks, name, "an integer");
        }
        BigDecimal value = node.decimalValue();
        if (value.stripTrailingZeros().scale() > 0) {
            return wrongType(checks, name, "an integer");
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0) {
            checks.add(name, "must be >= " + min);
            return null;
        }
        if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
            checks.add(name, "must be <= " + max);
            return null;
        }
        return value.longValueExact();
    }

    private static <T> T wrongType(SpecChecks checks, String name, String expected) {
        checks.add(name, "must be " + expected);
        return null;
    }

    private static String unknownField(String property, List<String> known) {
        return known.stream()
                .filter(name -> editDistance(property, name) <= MAX_SUGGESTION_DISTANCE)
                .min(comparingInt(name -> editDistance(property, name)))
                .map(name -> "is not a known field (did you mean " + name + "?)")
                .orElse("is not a known field (known: " + String.join(", ", known) + ")");
    }

    /** Levenshtein distance: the fewest insertions, deletions and substitutions that turn a into b. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
