package io.billfold.api.wallet;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The hold was already captured, released or expired. */
@ApiError(kind = ErrorKind.CONFLICT, code = "hold_not_active")
public class HoldNotActiveException extends BillfoldException {

    public HoldNotActiveException(String holdId) {
        super("Hold " + holdId + " is no longer active");
    }
}
