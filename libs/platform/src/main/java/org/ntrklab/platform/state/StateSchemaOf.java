package org.ntrklab.platform.state;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.ntrklab.schemas.StateSchemas;

/**
 * The Avro schema a state record class is kept in, derived from its components: what the class can write
 * and read. Every reference field may be null (union with null, default null) and every primitive has its
 * zero default, so that adding a component is a compatible change; renaming or removing one is not (the
 * evolution check keeps released fields). Event types (generated Avro records and enums) keep their own
 * schemas; the service's own records and enums are named in {@link StateSchemas#NAMESPACE} by their
 * simple names, nested ones after their enclosing class ({@code QcCase_LastDecision}).
 */
final class StateSchemaOf {

    private final Map<String, Class<?>> named = new HashMap<>();
    private final Map<Class<?>, Schema> schemas = new HashMap<>();

    private StateSchemaOf() {
    }

    static Schema of(Class<? extends Record> type) {
        return new StateSchemaOf().record(type);
    }

    /** The record's simple name, after its enclosing classes: {@code ReportCase_SettledOrder}. */
    static String nameOf(Class<?> type) {
        String name = type.getSimpleName();
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name = outer.getSimpleName() + "_" + name;
        }
        return name;
    }

    private Schema record(Class<?> type) {
        Schema known = schemas.get(type);
        if (known != null) {
            return known;
        }
        Schema schema = Schema.createRecord(claim(type), null, StateSchemas.NAMESPACE, false);
        schemas.put(type, schema);
        List<Schema.Field> fields = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> raw = component.getType();
            Schema value = type(component.getGenericType(), type.getName() + "." + component.getName());
            fields.add(raw.isPrimitive()
                    ? new Schema.Field(component.getName(), value, null, zero(raw))
                    : new Schema.Field(component.getName(), Schema.createUnion(Schema.create(Schema.Type.NULL), value),
                            null, JsonProperties.NULL_VALUE));
        }
        schema.setFields(fields);
        return schema;
    }

    private String claim(Class<?> type) {
        String name = nameOf(type);
        Class<?> other = named.putIfAbsent(name, type);
        if (other != null && other != type) {
            throw new IllegalArgumentException("state types " + other.getName() + " and " + type.getName()
                    + " would share the schema name " + name + "; rename one");
        }
        return name;
    }

    private Schema type(Type type, String where) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return Schema.createArray(type(args[0], where + "[]"));
            }
            if (Map.class.isAssignableFrom(raw)) {
                Class<?> key = (Class<?>) args[0];
                if (key != String.class && !key.isEnum()) {
                    throw new IllegalArgumentException(where + ": map keys must be strings or enums, not " + key);
                }
                return Schema.createMap(type(args[1], where + "{}"));
            }
            throw new IllegalArgumentException(where + ": " + type + " cannot be kept in Avro state");
        }
        Class<?> c = (Class<?>) type;
        if (c == long[].class) {
            return Schema.createArray(Schema.create(Schema.Type.LONG));
        }
        if (c == String.class) {
            return Schema.create(Schema.Type.STRING);
        }
        if (c == int.class || c == Integer.class) {
            return Schema.create(Schema.Type.INT);
        }
        if (c == long.class || c == Long.class) {
            return Schema.create(Schema.Type.LONG);
        }
        if (c == double.class || c == Double.class) {
            return Schema.create(Schema.Type.DOUBLE);
        }
        if (c == boolean.class || c == Boolean.class) {
            return Schema.create(Schema.Type.BOOLEAN);
        }
        if (c == Instant.class) {
            return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        }
        if (SpecificRecord.class.isAssignableFrom(c) || (c.isEnum() && isGenerated(c))) {
            return SpecificData.get().getSchema(c);
        }
        if (c.isEnum()) {
            Schema known = schemas.get(c);
            if (known == null) {
                known = Schema.createEnum(claim(c), null, StateSchemas.NAMESPACE,
                        Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList());
                schemas.put(c, known);
            }
            return known;
        }
        if (c.isRecord()) {
            return record(c);
        }
        throw new IllegalArgumentException(where + ": " + c.getName() + " cannot be kept in Avro state");
    }

    /** Enums generated from the event schemas carry their schema. */
    private static boolean isGenerated(Class<?> enumType) {
        try {
            enumType.getField("SCHEMA$");
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private static Object zero(Class<?> primitive) {
        if (primitive == boolean.class) {
            return false;
        }
        if (primitive == double.class || primitive == float.class) {
            return 0.0;
        }
        return 0;
    }
}
