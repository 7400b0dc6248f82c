package io.billfold.platform.personaldata;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Data keys in memory, for tests of what is stored; {@link #erase} forgets one as the database does. */
public final class InMemoryKeys implements SubjectKeys {

    private final Map<String, Optional<SecretKey>> keys = new ConcurrentHashMap<>();

    /** A protection over keys kept here. */
    public static PersonalDataProtection protection() {
        return new PersonalDataProtection(new InMemoryKeys());
    }

    public static PersonalDataProtection protection(InMemoryKeys keys) {
        return new PersonalDataProtection(keys);
    }

    @Override
    public Optional<SecretKey> forReading(String subjectId) {
        return keys.getOrDefault(subjectId, Optional.empty());
    }

    @Override
    public SecretKey forWriting(String subjectId) {
        return keys.computeIfAbsent(subjectId, id -> {
            byte[] material = new byte[32];
            new SecureRandom().nextBytes(material);
            return Optional.of(new SecretKeySpec(material, "AES"));
        }).orElse(null);
    }

    @Override
    public void evict(String subjectId) {
    }

    public void erase(String subjectId) {
        keys.put(subjectId, Optional.empty());
    }
}
