package io.billfold.api.wallet;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The hold does not exist in the caller's organization. */
public class HoldNotFoundException extends BillfoldException {

    public HoldNotFoundException(String holdId) {
        super(ErrorKind.NOT_FOUND, "hold_not_found", "No hold " + holdId);
    }
}
