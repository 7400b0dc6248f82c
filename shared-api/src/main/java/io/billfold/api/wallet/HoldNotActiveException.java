package io.billfold.api.wallet;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The hold was already captured, released or expired. */
public class HoldNotActiveException extends BillfoldException {

    public HoldNotActiveException(String holdId) {
        super(ErrorKind.CONFLICT, "hold_not_active", "Hold " + holdId + " is no longer active");
    }
}
