package org.ntrklab.platform.state;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

/**
 * Copies state records (Java records) into Avro records of their {@link StateSchemaOf schema} and back,
 * through each record's accessors and canonical constructor, so that the records keep their invariants
 * (compact constructors run on every read).
 */
final class StateRecords {

    /** How one record class is read and built, found once per class. */
    private record Shape(String[] names, Type[] types, MethodHandle[] accessors, MethodHandle constructor) {
    }

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private StateRecords() {
    }

    static GenericRecord toAvro(Record value, Schema schema) {
        Shape shape = shape(value.getClass());
        GenericData.Record out = new GenericData.Record(schema);
        for (int i = 0; i < shape.names.length; i++) {
            Schema.Field field = schema.getField(shape.names[i]);
            Object component;
            try {
                component = (Object) shape.accessors[i].invokeExact((Object) value);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + value.getClass().getSimpleName() + "." + shape.names[i], e);
            }
            out.put(field.pos(), write(component, field.schema()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static <T extends Record> T fromAvro(GenericRecord in, Class<T> type) {
        Shape shape = shape(type);
        Object[] args = new Object[shape.names.length];
        for (int i = 0; i < args.length; i++) {
            Object value = read(in.get(shape.names[i]), shape.types[i]);
            args[i] = value == null && shape.types[i] instanceof Class<?> c && c.isPrimitive() ? zero(c) : value;
        }
        try {
            return (T) (Object) shape.constructor.invokeExact(args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + " from its stored state", e);
        }
    }

    private static Object write(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        if (schema.getType() == Schema.Type.UNION) {
            return write(value, schema.getTypes().get(1));
        }
        if (value instanceof long[] longs) {
            List<Long> items = new ArrayList<>(longs.length);
            for (long l : longs) {
                items.add(l);
            }
            return items;
        }
        return switch (schema.getType()) {
            case RECORD -> value instanceof IndexedRecord ? value : toAvro((Record) value, schema);
            case ENUM -> value instanceof GenericEnumSymbol<?> ? value
                    : new GenericData.EnumSymbol(schema, ((Enum<?>) value).name());
            case ARRAY -> {
                List<Object> items = new ArrayList<>(((Collection<?>) value).size());
                for (Object item : (Collection<?>) value) {
                    items.add(write(item, schema.getElementType()));
                }
                yield items;
            }
            case MAP -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    Object key = e.getKey();
                    entries.put(key instanceof Enum<?> k ? k.name() : (String) key, write(e.getValue(), schema.getValueType()));
                }
                yield entries;
            }
            default -> value;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object read(Object value, Type type) {
        if (value == null) {
            return null;
        }
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            Class<?> raw = (Class<?>) p.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                // Insertion-ordered either way, so that anything derived by iterating comes out the same.
                Collection<Object> items = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>()
                        : new ArrayList<>(((Collection<?>) value).size());
                for (Object item : (Collection<?>) value) {
                    items.add(read(item, args[0]));
                }
                return items;
            }
            Class<?> keyType = (Class<?>) args[0];
            Map<Object, Object> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                String key = e.getKey().toString();
                entries.put(keyType.isEnum() ? Enum.valueOf((Class<Enum>) keyType, key) : key, read(e.getValue(), args[1]));
            }
            return entries;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return value.toString();
        }
        if (c == long[].class) {
            Collection<?> items = (Collection<?>) value;
            long[] longs = new long[items.size()];
            int i = 0;
            for (Object item : items) {
                longs[i++] = (Long) item;
            }
            return longs;
        }
        if (c.isEnum()) {
            return c.isInstance(value) ? value : Enum.valueOf((Class<Enum>) c, value.toString());
        }
        if (c.isRecord()) {
            return fromAvro((GenericRecord) value, (Class<Record>) c);
        }
        // Numbers, booleans, instants (by the timestamp conversion) and event records (by their classes).
        return value;
    }

    private static Shape shape(Class<?> type) {
        return SHAPES.computeIfAbsent(type, t -> {
            RecordComponent[] components = t.getRecordComponents();
            String[] names = new String[components.length];
            Type[] types = new Type[components.length];
            MethodHandle[] accessors = new MethodHandle[components.length];
            Class<?>[] raw = new Class<?>[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    names[i] = components[i].getName();
                    types[i] = components[i].getGenericType();
                    raw[i] = components[i].getType();
                    java.lang.reflect.Method accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    // Typed (Object)Object, so that each call is an exact invocation rather than an adapted one.
                    accessors[i] = MethodHandles.lookup().unreflect(accessor)
                            .asType(MethodType.methodType(Object.class, Object.class));
                }
                java.lang.reflect.Constructor<?> constructor = t.getDeclaredConstructor(raw);
                constructor.setAccessible(true);
                MethodHandle build = MethodHandles.lookup().unreflectConstructor(constructor)
                        .asSpreader(Object[].class, components.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
                return new Shape(names, types, accessors, build);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("state type " + t.getName() + " cannot be read and built", e);
            }
        });
    }

    private static Object zero(Class<?> primitive) {
        if (primitive == boolean.class) {
            return false;
        }
        if (primitive == double.class) {
            return 0.0;
        }
        if (primitive == long.class) {
            return 0L;
        }
        return 0;
    }
}
