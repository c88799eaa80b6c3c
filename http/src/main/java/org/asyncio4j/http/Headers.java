package org.asyncio4j.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * HTTP header fields in the order they were added; names compare case-insensitively. Setting a
 * name or value that contains CR, LF or other control characters throws
 * {@link IllegalArgumentException}: they would let a value inject headers (response splitting).
 */
public final class Headers {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    /** An empty set of headers. */
    public Headers() {}

    /**
     * Adds a field (repeats are kept: {@code Set-Cookie} may appear several times). Returns this.
     * @param name the field name (any case is kept as given; lookups ignore case); a token without control characters
     * @param value the field value; not null, no CR, LF or other control characters
     * @return these headers
     * @throws IllegalArgumentException if the name or value is empty, null or holds characters HTTP forbids
     */
    public Headers add(String name, String value) {
        names.add(checkName(name));
        values.add(checkValue(name, value));
        return this;
    }

    /**
     * Replaces every field named {@code name} by one with {@code value}. Returns this.
     * @param name the field name; lookups ignore case
     * @param value the field value; not null, no control characters
     * @return these headers
     * @throws IllegalArgumentException if the name or value is empty, null or holds characters HTTP forbids
     */
    public Headers set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /**
     * Removes every field named {@code name}; returns how many were removed.
     * @param name the field name, any case
     * @return the number of fields removed
     */
    public int remove(String name) {
        int n = 0;
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
                n++;
            }
        }
        return n;
    }

    /**
     * The first value of {@code name}, or null.
     * @param name the field name, any case
     * @return the first value, or null if the field is absent
     */
    public String get(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /**
     * Every value of {@code name}, in order.
     * @param name the field name, any case
     * @return the values, empty if the field is absent
     */
    public List<String> getAll(String name) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                r.add(values.get(i));
            }
        }
        return Collections.unmodifiableList(r);
    }

    /**
     * True when a field named {@code name} is present.
     * @param name the field name, any case
     * @return true if at least one field has that name
     */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * True when a field named {@code name} has {@code token} among its comma-separated values (any case).
     * @param name the field name, any case, e.g. "Connection"
     * @param token the value to look for, any case, e.g. "close"
     * @return true if some field named {@code name} lists {@code token}
     */
    public boolean hasToken(String name, String token) {
        for (String v : getAll(name)) {
            for (String part : v.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Number of fields.
     * @return the number of fields, repeats counted
     */
    public int size() {
        return names.size();
    }

    /**
     * Calls {@code action} with each field's name and value, in order.
     * @param action called with each name (as given) and value; not null
     */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < names.size(); i++) {
            action.accept(names.get(i), values.get(i));
        }
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a header name must not be null or empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // RFC 9110 token characters only.
            if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("header name " + quote(name)
                        + " has a character not allowed in a field name (RFC 9110 token) at index " + i);
            }
        }
        return name;
    }

    private static String checkValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("header " + name + ": the value must not be null (remove the header instead)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("header " + name + ": value " + quote(value)
                        + " has a control or non-Latin-1 character at index " + i
                        + " (CR/LF would split the response); encode it first");
            }
        }
        return value;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i)).append(": ").append(values.get(i));
        }
        return sb.append('}').toString();
    }
}
