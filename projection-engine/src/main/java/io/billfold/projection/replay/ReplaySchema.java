package io.billfold.projection.replay;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * The tables of a replay: created empty in a schema of their own with the live tables' columns, checks and keys,
 * given the live tables' other indexes once the replay has caught up (inserting into unindexed tables is what makes
 * a replay fast), and swapped in for the live tables in one transaction. Every statement runs in the caller's
 * transaction; PostgreSQL's DDL is transactional, so a swap happens entirely or not at all.
 */
final class ReplaySchema {

    private final JdbcTemplate jdbc;

    ReplaySchema(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The schema the live read models are in (the connection's current schema, where Flyway created them). */
    String liveSchema() {
        return jdbc.queryForObject("select current_schema()", String.class);
    }

    void create(String liveSchema, String schema, List<String> tables, List<String> handlerIndexes) {
        jdbc.execute("create schema " + quote(schema));
        for (String table : tables) {
            jdbc.execute("create table %s.%s (like %s.%s including all excluding indexes)"
                    .formatted(quote(schema), quote(table), quote(liveSchema), quote(table)));
        }
        // Keys first, then references to them; the names stay those of the live tables, so after the swap a later
        // migration finds every constraint and index under the name it was created with.
        for (String kind : List.of("pu", "f")) {
            for (String table : tables) {
                for (Definition constraint : qualified("""
                        select conname, pg_get_constraintdef(oid) from pg_catalog.pg_constraint
                         where conrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass
                           and strpos(?, contype::text) > 0 order by conname
                        """, liveSchema, table, kind)) {
                    jdbc.execute("alter table %s.%s add constraint %s %s".formatted(quote(schema), quote(table),
                            quote(constraint.name()), moved(constraint.sql(), liveSchema, schema, tables)));
                }
            }
        }
        for (Definition index : indexes(liveSchema, tables)) {
            if (handlerIndexes.contains(index.name())) {
                jdbc.execute(moved(index.sql(), liveSchema, schema, tables));
            }
        }
    }

    /**
     * Adds the live tables' other indexes (those that back no constraint and that {@link #create} left out) and
     * gathers the tables' statistics: freshly filled tables have none, and the queries after the swap would be planned
     * blind until autovacuum (where it runs at all) gets to them.
     */
    void index(String liveSchema, String schema, List<String> tables, List<String> handlerIndexes) {
        for (Definition index : indexes(liveSchema, tables)) {
            if (!handlerIndexes.contains(index.name())) {
                jdbc.execute(moved(index.sql(), liveSchema, schema, tables));
            }
        }
        for (String table : tables) {
            jdbc.execute("analyze " + quote(schema) + "." + quote(table));
        }
    }

    /** The live tables' indexes that back no constraint. */
    private List<Definition> indexes(String liveSchema, List<String> tables) {
        List<Definition> indexes = new ArrayList<>();
        for (String table : tables) {
            indexes.addAll(qualified("""
                    select c.relname, pg_get_indexdef(i.indexrelid) from pg_catalog.pg_index i
                      join pg_catalog.pg_class c on c.oid = i.indexrelid
                     where i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass
                       and not exists (select 1 from pg_catalog.pg_constraint k where k.conindid = i.indexrelid)
                     order by c.relname
                    """, liveSchema, table, null));
        }
        return indexes;
    }

    /** Replaces the live tables by the replay's: drops the first, moves the second into the live schema. */
    void swap(String liveSchema, String schema, List<String> tables) {
        jdbc.execute("drop table " + String.join(", ", qualify(liveSchema, tables)));
        for (String table : tables) {
            jdbc.execute("alter table %s.%s set schema %s".formatted(quote(schema), quote(table), quote(liveSchema)));
        }
        jdbc.execute("drop schema " + quote(schema));
    }

    /** Waits for, then holds, every writer and reader of the live and the replay tables until the transaction ends. */
    void lock(String liveSchema, String schema, List<String> tables) {
        List<String> all = new ArrayList<>(qualify(liveSchema, tables));
        all.addAll(qualify(schema, tables));
        jdbc.execute("lock table " + String.join(", ", all) + " in access exclusive mode");
    }

    private static List<String> qualify(String schema, List<String> tables) {
        return tables.stream().map(table -> quote(schema) + "." + quote(table)).toList();
    }

    private record Definition(String name, String sql) {
    }

    /** Reads definitions with an empty search path, so every name in them comes schema-qualified. */
    private List<Definition> qualified(String sql, String schema, String table, String kinds) {
        String searchPath = jdbc.queryForObject("show search_path", String.class);
        jdbc.execute("set local search_path to pg_catalog");
        try {
            Object[] arguments = kinds == null ? new Object[]{schema, table} : new Object[]{schema, table, kinds};
            return jdbc.query(sql, (rs, row) -> new Definition(rs.getString(1), rs.getString(2)), arguments);
        } finally {
            jdbc.execute("set local search_path to " + searchPath);
        }
    }

    /** The definition with every reference to a live table of this read model pointing at the replay's. */
    private static String moved(String definition, String liveSchema, String schema, List<String> tables) {
        String result = definition;
        for (String table : tables) {
            for (String name : List.of(table, quote(table))) {
                result = result.replace(" " + qualifiedName(liveSchema) + "." + name + "(",
                                " " + quote(schema) + "." + quote(table) + "(")
                        .replace(" " + qualifiedName(liveSchema) + "." + name + " ",
                                " " + quote(schema) + "." + quote(table) + " ");
            }
        }
        return result;
    }

    /** How PostgreSQL prints a schema name: bare when it needs no quotes. */
    private static String qualifiedName(String schema) {
        return schema.matches("[a-z_][a-z0-9_]*") ? schema : quote(schema);
    }
}
