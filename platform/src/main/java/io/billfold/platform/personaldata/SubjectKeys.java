package io.billfold.platform.personaldata;

import javax.crypto.SecretKey;
import java.util.Optional;

/** The data keys of data subjects, as {@link PersonalDataProtection} uses them ({@link DataKeys} in the database). */
interface SubjectKeys {

    /** The key that opens the subject's values; empty once it is erased. */
    Optional<SecretKey> forReading(String subjectId);

    /** The key to seal the subject's values with, made if it has none yet; null once it is erased. */
    SecretKey forWriting(String subjectId);

    void evict(String subjectId);
}
