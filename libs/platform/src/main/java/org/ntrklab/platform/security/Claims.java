package org.ntrklab.platform.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Reads claims by name or by dotted path, as identity providers nest them differently. */
final class Claims {

    private Claims() {
    }

    /**
     * The claim named {@code path} if there is one (some providers put dots in claim names, e.g. a URL),
     * else the value reached by following the path's dot-separated parts through nested objects.
     */
    static Object find(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    /** The claim's role names: a JSON array, or one string of names separated by spaces or commas. */
    static Set<String> names(Object value) {
        Set<String> names = new LinkedHashSet<>();
        if (value instanceof Collection<?> items) {
            items.forEach(item -> {
                if (item instanceof String s && !s.isBlank()) {
                    names.add(s.trim());
                }
            });
        } else if (value instanceof String s) {
            for (String name : s.split("[\\s,]+")) {
                if (!name.isBlank()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    static String text(Map<String, Object> claims, String path) {
        return find(claims, path) instanceof String s && !s.isBlank() ? s : null;
    }
}
