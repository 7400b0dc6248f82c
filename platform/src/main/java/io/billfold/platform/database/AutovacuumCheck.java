package io.billfold.platform.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Warns operators, once at startup, when the database runs without autovacuum: then nothing gathers the planner's
 * statistics on tables that grow, or removes the dead rows of tables that are updated, and queries that were index
 * look-ups drift towards whole-table scans. Billfold's own hot statements are written to stay index scans without
 * statistics, but the read models' list queries and every table's size depend on it.
 */
@Component
class AutovacuumCheck {

    private static final Logger log = LoggerFactory.getLogger(AutovacuumCheck.class);

    private final JdbcTemplate jdbc;

    AutovacuumCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhenOff() {
        try {
            if (!"on".equals(jdbc.queryForObject("select setting from pg_settings where name = 'autovacuum'",
                    String.class))) {
                log.warn("PostgreSQL runs with autovacuum off: table statistics and dead rows are not maintained; "
                        + "switch it on, or run VACUUM ANALYZE regularly");
            }
        } catch (DataAccessException e) {
            log.warn("Could not read PostgreSQL's autovacuum setting: {}", e.getMessage());
        }
    }
}
