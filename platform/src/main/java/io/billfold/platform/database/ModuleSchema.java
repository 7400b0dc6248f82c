package io.billfold.platform.database;

/**
 * A module's own Flyway migrations: its scripts under {@code location}, its own history table, applied in
 * {@code order}. Each module owns its tables, so the command side and the query side can each run alone against one
 * database and still agree on its schema.
 */
public record ModuleSchema(String name, String location, int order) {

    String historyTable() {
        return "flyway_history_" + name.replace('-', '_');
    }
}
