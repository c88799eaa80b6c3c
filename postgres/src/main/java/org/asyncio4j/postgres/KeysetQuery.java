package org.asyncio4j.postgres;

import java.util.Arrays;
import java.util.regex.Pattern;

/** The page query of a keyset pagination, checked once. */
final class KeysetQuery {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    final String sql;
    final String key;
    final int pageSize;
    private final Object[] baseArgs;

    KeysetQuery(String baseQuery, String keyColumn, int pageSize, Object[] baseArgs) {
        if (baseQuery == null || baseQuery.isBlank()) {
            throw new IllegalArgumentException("keyset: the base query is empty; pass e.g. \"SELECT id, name FROM items\"");
        }
        if (keyColumn == null || !IDENTIFIER.matcher(keyColumn).matches()) {
            throw new IllegalArgumentException("keyset: the key column must be a plain column name of the base query"
                    + " (letters, digits, _), got " + keyColumn);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("keyset: pageSize must be >= 1, got " + pageSize);
        }
        this.key = keyColumn;
        this.pageSize = pageSize;
        this.baseArgs = baseArgs.clone();
        int n = baseArgs.length;
        this.sql = "SELECT * FROM (" + baseQuery + ") AS keyset_page WHERE " + keyColumn + " > $" + (n + 1)
                + " ORDER BY " + keyColumn + " LIMIT $" + (n + 2);
    }

    /** Arguments of the page after key {@code after}. */
    Object[] args(long after) {
        Object[] a = Arrays.copyOf(baseArgs, baseArgs.length + 2);
        a[baseArgs.length] = after;
        a[baseArgs.length + 1] = pageSize;
        return a;
    }
}
