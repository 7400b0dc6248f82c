package io.billfold.api.wallet;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The hold does not exist in the caller's organization. */
@ApiError(kind = ErrorKind.NOT_FOUND, code = "hold_not_found")
public class HoldNotFoundException extends BillfoldException {

    public HoldNotFoundException(String holdId) {
        super("No hold " + holdId);
    }
}
