package io.billfold.query;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.util.ArrayList;
import java.util.List;

/** The {@code where} clause of a filtered list query, built from the filters a request actually sets. */
public final class SqlFilter {

    private final List<String> conditions = new ArrayList<>();
    private final MapSqlParameterSource parameters = new MapSqlParameterSource();

    /** A condition that always applies, with its named parameter. */
    public SqlFilter require(String sql, String name, Object value) {
        conditions.add(sql);
        parameters.addValue(name, value);
        return this;
    }

    /** A condition that applies only when the filter has a value. */
    public SqlFilter when(String sql, String name, Object value) {
        return value == null ? this : require(sql, name, value);
    }

    /** A condition without parameters. */
    public SqlFilter require(String sql) {
        conditions.add(sql);
        return this;
    }

    public SqlFilter parameter(String name, Object value) {
        parameters.addValue(name, value);
        return this;
    }

    public String where() {
        return String.join(" and ", conditions);
    }

    public MapSqlParameterSource parameters() {
        return parameters;
    }
}
