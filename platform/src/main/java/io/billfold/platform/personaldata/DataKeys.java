package io.billfold.platform.personaldata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * The data key of each customer (data subject), in {@code personal_data_key}, wrapped by the {@link MasterKey}. A key
 * is made the first time one of the customer's personal values is stored, in that transaction. Erasing deletes it
 * for good: the row stays, without a key, so no key is ever made for that customer again.
 * <p>
 * Each node keeps the keys it used in memory. Only committed keys enter that cache: a key made by a transaction is
 * never cached (a rolled-back key must never seal anything; the next use reads it back once committed), and one read
 * while writing is cached when the transaction commits. An erasure evicts the key on its own node at once and again
 * when the transaction ends, and on every other node at its commit ({@link ErasureSignal}); a node that reads the
 * customer's {@code CustomerErasedEvent} evicts it too, and no key stays cached longer than {@code key-cache-ttl}.
 */
public final class DataKeys implements SubjectKeys {

    /** A customer's key, or none once it is erased. */
    private record Entry(SecretKey key) {
    }

    private static final Entry ERASED = new Entry(null);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final MasterKey masterKey;
    private final Cache<String, Entry> cache;

    DataKeys(JdbcTemplate jdbc, MasterKey masterKey, PersonalDataSettings settings) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.cache = Caffeine.newBuilder().maximumSize(settings.keyCacheSize())
                .expireAfterWrite(settings.keyCacheTtl()).build();
    }

    @Override
    public Optional<SecretKey> forReading(String subjectId) {
        Entry entry = cache.getIfPresent(subjectId);
        if (entry == null) {
            entry = load(subjectId);
            if (entry == null) {
                return Optional.empty();
            }
            cache.put(subjectId, entry);
        }
        return Optional.ofNullable(entry.key());
    }

    @Override
    public SecretKey forWriting(String subjectId) {
        Entry entry = cache.getIfPresent(subjectId);
        if (entry != null) {
            return entry.key();
        }
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        List<String> made = jdbc.queryForList("""
                insert into personal_data_key (subject_id, wrapped_key, master_key_id) values (?, ?, ?)
                on conflict (subject_id) do nothing returning subject_id
                """, String.class, subjectId, masterKey.wrap(material), masterKey.id());
        if (!made.isEmpty()) {
            return new SecretKeySpec(material, "AES");
        }
        Entry existing = load(subjectId);
        afterCommit(() -> cache.put(subjectId, existing));
        return existing.key();
    }

    /**
     * Deletes the customer's key in the current transaction. Other nodes hear of it when the transaction commits;
     * this one forgets it now (a rollback only costs a reload).
     */
    public void erase(String subjectId) {
        jdbc.update("""
                insert into personal_data_key (subject_id, wrapped_key, master_key_id, erased_at)
                values (?, null, null, now())
                on conflict (subject_id) do update set wrapped_key = null, master_key_id = null, erased_at = now()
                """, subjectId);
        jdbc.queryForList("select pg_notify(?, ?)", ErasureSignal.CHANNEL, subjectId);
        evict(subjectId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(subjectId);
                }
            });
        }
    }

    @Override
    public void evict(String subjectId) {
        cache.invalidate(subjectId);
    }

    void evictAll() {
        cache.invalidateAll();
    }

    private Entry load(String subjectId) {
        List<byte[]> rows = jdbc.query("select wrapped_key from personal_data_key where subject_id = ?",
                (rs, row) -> {
                    byte[] wrapped = rs.getBytes(1);
                    return wrapped == null ? new byte[0] : wrapped;
                }, subjectId);
        if (rows.isEmpty()) {
            return null;
        }
        byte[] wrapped = rows.get(0);
        return wrapped.length == 0 ? ERASED : new Entry(new SecretKeySpec(masterKey.unwrap(wrapped), "AES"));
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
