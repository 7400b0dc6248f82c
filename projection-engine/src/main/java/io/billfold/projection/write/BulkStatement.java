package io.billfold.projection.write;

import java.lang.reflect.Array;
import java.util.List;
import java.util.Map;

/**
 * A write of many rows in one statement: parameter {@code i} is an array of the {@code i}-th value of every row
 * ({@code unnest(?::text[], ?::int8[], ...)} in the SQL). PostgreSQL plans and runs it once for a whole batch, where a
 * JDBC batch of a single-row statement is bound and executed row by row.
 *
 * @param sql         the statement, one array parameter per column
 * @param columnTypes each parameter's element type: {@code text}, {@code int8} or {@code bool}; timestamps and JSON
 *                    travel as text and are cast in the SQL
 */
public record BulkStatement(String sql, List<String> columnTypes) {

    private static final Map<String, Class<?>> ELEMENT_TYPES = Map.of("text", String.class, "int8", Long.class,
            "bool", Boolean.class);

    public BulkStatement {
        for (String type : columnTypes) {
            if (!ELEMENT_TYPES.containsKey(type)) {
                throw new IllegalArgumentException("Unsupported bulk column type " + type);
            }
        }
        columnTypes = List.copyOf(columnTypes);
    }

    public static BulkStatement of(String sql, String... columnTypes) {
        return new BulkStatement(sql, List.of(columnTypes));
    }

    /** One column of the rows as the array bound to its parameter: numbers as int8, any other value's text as text. */
    Object[] column(int column, List<Object[]> rows) {
        String type = columnTypes.get(column);
        Object[] values = (Object[]) Array.newInstance(ELEMENT_TYPES.get(type), rows.size());
        for (int row = 0; row < rows.size(); row++) {
            values[row] = element(type, rows.get(row)[column]);
        }
        return values;
    }

    private static Object element(String type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case "int8" -> ((Number) value).longValue();
            case "text" -> value.toString();
            default -> value;
        };
    }
}
