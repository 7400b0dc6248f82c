package io.billfold.api.wallet;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The wallet is not at the version the client expected. */
@ApiError(kind = ErrorKind.CONFLICT, code = "version_conflict")
public class VersionConflictException extends BillfoldException {

    public VersionConflictException(long expected, long actual) {
        super("Expected version " + expected + " but the wallet is at version " + actual);
    }
}
