package io.robustlab.contracts.spec;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * Writes spec records as a JSON tree, one field per non-null record component (the mirror of
 * {@link SpecReader}). Doubles are written in their {@link CanonicalNumber} form.
 */
final class SpecWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SpecWriter() {
    }

    /**
     * The record as a JSON object: in component order for people, or with keys sorted at every level
     * (by UTF-16 code units, as RFC 8785 sorts them) for the canonical form.
     */
    static ObjectNode tree(Record record, boolean sortedKeys) {
        List<RecordComponent> components = Arrays.asList(record.getClass().getRecordComponents());
        if (sortedKeys) {
            components = components.stream().sorted(Comparator.comparing(RecordComponent::getName)).toList();
        }
        ObjectNode object = NODES.objectNode();
        for (RecordComponent component : components) {
            Object value = valueOf(component, record);
            if (value != null) {
                object.set(component.getName(), node(value, sortedKeys));
            }
        }
        return object;
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    private static JsonNode node(Object value, boolean sortedKeys) {
        return switch (value) {
            case null -> NODES.nullNode();
            case String text -> NODES.stringNode(text);
            case Integer integer -> NODES.numberNode(integer);
            case Long integer -> NODES.numberNode(integer);
            case Double number -> NODES.rawValueNode(new RawValue(CanonicalNumber.format(number)));
            case Boolean flag -> NODES.booleanNode(flag);
            case Record record -> tree(record, sortedKeys);
            case List<?> list -> {
                ArrayNode array = NODES.arrayNode();
                list.forEach(element -> array.add(node(element, sortedKeys)));
                yield array;
            }
            case Map<?, ?> map -> {
                ObjectNode object = NODES.objectNode();
                (sortedKeys ? new TreeMap<>(map) : map).forEach(
                        (key, element) -> object.set((String) key, node(element, sortedKeys)));
                yield object;
            }
            default -> throw new IllegalStateException("no JSON form for " + value.getClass());
        };
    }
}
