package io.billfold.platform.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one rewrite of history (platform migration 41, {@code docs/erasure.md}): events written before personal data
 * was encrypted hold it in clear; each of their personal values is encrypted in place, exactly as
 * {@link PersonalDataProtection} stores a new event, making the customers' data keys on the way. Nothing else of a
 * row changes: its identifier, aggregate, sequence number, global index, type, revision, time and metadata stay, and
 * so does every member that is not personal data. Snapshots of a type holding personal data are deleted (they are a
 * cache of the events, rebuilt when next needed). It runs in the migration's transaction, so it happens whole or not
 * at all; it reads the events in batches by position.
 */
public final class EncryptHistoryMigration implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(EncryptHistoryMigration.class);
    private static final int BATCH = 1000;

    private final PersonalDataSettings settings;
    private final ObjectMapper json = new ObjectMapper();

    public EncryptHistoryMigration(PersonalDataSettings settings) {
        this.settings = settings;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("41");
    }

    @Override
    public String getDescription() {
        return "encrypt personal data in events";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        MasterKey masterKey = MasterKeys.resolve(settings.masterKey(), settings.previousMasterKey(), jdbc);
        PersonalDataProtection protection = new PersonalDataProtection(new DataKeys(jdbc, masterKey, settings));
        int events = rewrite(jdbc, protection);
        int snapshots = jdbc.update("delete from snapshot_event_entry where payload_type = any(?)",
                (Object) personalTypes(jdbc, protection, "snapshot_event_entry"));
        log.info("Encrypted the personal data of {} stored events; deleted {} snapshots", events, snapshots);
    }

    private static String[] personalTypes(JdbcTemplate jdbc, PersonalDataProtection protection, String table) {
        return jdbc.queryForList("select distinct payload_type from " + table, String.class).stream()
                .filter(type -> personal(protection, type)).toArray(String[]::new);
    }

    private int rewrite(JdbcTemplate jdbc, PersonalDataProtection protection) {
        String[] types = personalTypes(jdbc, protection, "domain_event_entry");
        if (types.length == 0) {
            return 0;
        }
        int rewritten = 0;
        long after = -1;
        while (true) {
            List<Map<String, Object>> rows = jdbc.queryForList("""
                    select global_index, payload_type, payload from domain_event_entry
                     where global_index > ? and payload_type = any(?) order by global_index limit ?
                    """, after, types, BATCH);
            if (rows.isEmpty()) {
                return rewritten;
            }
            List<Object[]> updates = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                after = ((Number) row.get("global_index")).longValue();
                updates.add(new Object[] {encrypted(protection, (String) row.get("payload_type"),
                        (byte[]) row.get("payload")), after});
            }
            jdbc.batchUpdate("update domain_event_entry set payload = ? where global_index = ?", updates);
            rewritten += updates.size();
        }
    }

    private byte[] encrypted(PersonalDataProtection protection, String type, byte[] payload) {
        try {
            JsonNode tree = json.readTree(payload);
            if (!(tree instanceof ObjectNode object)) {
                return payload;
            }
            protection.protectClear(object, Class.forName(type));
            return json.writeValueAsBytes(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean personal(PersonalDataProtection protection, String type) {
        try {
            return protection.applies(Class.forName(type));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
