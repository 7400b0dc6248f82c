package io.billfold.platform.personaldata;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the master key: {@code BILLFOLD_MASTER_KEY}, or else the one generated on the first start and kept in
 * {@code personal_data_master_key} (with a warning at every start: a dump of the database then holds everything needed
 * to read personal data). Data keys still wrapped by another known master key (the previous one of a rotation, or the
 * generated one once a master key is configured) are rewrapped with the current one; the generated key is deleted
 * once nothing depends on it. A data key wrapped by an unknown master key stops the start.
 */
final class MasterKeys {

    private static final Logger log = LoggerFactory.getLogger(MasterKeys.class);
    private static final int REWRAP_BATCH = 1000;

    private MasterKeys() {
    }

    static MasterKey resolve(String configured, String previous, JdbcTemplate jdbc) {
        MasterKey stored = stored(jdbc);
        if (configured == null || configured.isBlank()) {
            log.warn("BILLFOLD_MASTER_KEY is not set: personal data keys are wrapped by a master key kept in the"
                    + " database itself, so a dump of the database is not protected");
            MasterKey generated = stored != null ? stored : generate(jdbc);
            requireKnown(jdbc, generated);
            return generated;
        }
        MasterKey current = MasterKey.ofBase64(configured);
        List<MasterKey> retired = new ArrayList<>();
        if (previous != null && !previous.isBlank()) {
            retired.add(MasterKey.ofBase64(previous));
        }
        if (stored != null) {
            retired.add(stored);
        }
        for (MasterKey old : retired) {
            if (!old.id().equals(current.id())) {
                rewrap(jdbc, old, current);
            }
        }
        requireKnown(jdbc, current);
        if (stored != null) {
            jdbc.update("delete from personal_data_master_key");
            log.info("The generated master key was replaced by BILLFOLD_MASTER_KEY and deleted from the database");
        }
        return current;
    }

    private static MasterKey stored(JdbcTemplate jdbc) {
        List<byte[]> rows = jdbc.queryForList("select master_key from personal_data_master_key", byte[].class);
        return rows.isEmpty() ? null : MasterKey.of(rows.get(0));
    }

    private static MasterKey generate(JdbcTemplate jdbc) {
        byte[] material = new byte[MasterKey.BYTES];
        new SecureRandom().nextBytes(material);
        jdbc.update("insert into personal_data_master_key (master_key) values (?) on conflict do nothing", material);
        return stored(jdbc);
    }

    private static void rewrap(JdbcTemplate jdbc, MasterKey from, MasterKey to) {
        int total = 0;
        while (true) {
            List<Map<String, Object>> rows = jdbc.queryForList("""
                    select subject_id, wrapped_key from personal_data_key
                     where master_key_id = ? and wrapped_key is not null limit ?
                    """, from.id(), REWRAP_BATCH);
            if (rows.isEmpty()) {
                break;
            }
            List<Object[]> updates = rows.stream().map(row -> new Object[] {
                    to.wrap(from.unwrap((byte[]) row.get("wrapped_key"))), to.id(), row.get("subject_id"), from.id()})
                    .toList();
            jdbc.batchUpdate("""
                    update personal_data_key set wrapped_key = ?, master_key_id = ?
                     where subject_id = ? and master_key_id = ? and wrapped_key is not null
                    """, updates);
            total += rows.size();
        }
        if (total > 0) {
            log.info("Rewrapped {} personal data keys with the current master key {}", total, to.id());
        }
    }

    private static void requireKnown(JdbcTemplate jdbc, MasterKey current) {
        List<String> others = jdbc.queryForList("""
                select distinct master_key_id from personal_data_key
                 where wrapped_key is not null and master_key_id <> ?
                """, String.class, current.id());
        if (!others.isEmpty()) {
            throw new IllegalStateException("Personal data keys are wrapped by master key(s) " + others
                    + " but the current master key is " + current.id() + ": set BILLFOLD_MASTER_KEY to the key in"
                    + " use, or BILLFOLD_PREVIOUS_MASTER_KEY to it while rotating");
        }
    }
}
