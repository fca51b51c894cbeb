package org.povertyledger.query.household;

import java.lang.reflect.RecordComponent;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event's fields as a map of plain values that BSON and JSON both carry: value objects of one field
 * (ids, codes) become that field's value, enums their name, dates and instants ISO-8601 text, collections
 * lists, other records nested maps.
 */
final class EventPayloads {

    private EventPayloads() {
    }

    static Map<String, Object> fieldsOf(Object event) {
        if (!(event instanceof Record record)) {
            return Map.of();
        }
        return fieldsOfRecord(record);
    }

    private static Map<String, Object> fieldsOfRecord(Record record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            fields.put(component.getName(), plain(read(component, record)));
        }
        return fields;
    }

    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Number number) {
            return number instanceof Float ? (Object) number.doubleValue() : (Object) number.longValue();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof Collection<?> collection) {
            List<Object> list = new ArrayList<>(collection.size());
            for (Object element : collection) {
                list.add(plain(element));
            }
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plainMap = new LinkedHashMap<>();
            map.forEach((k, v) -> plainMap.put(String.valueOf(k), plain(v)));
            return plainMap;
        }
        if (value instanceof Record record) {
            RecordComponent[] components = record.getClass().getRecordComponents();
            if (components.length == 1) {
                return plain(read(components[0], record));
            }
            return fieldsOfRecord(record);
        }
        return value.toString();
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of "
                    + record.getClass().getSimpleName(), e);
        }
    }
}
