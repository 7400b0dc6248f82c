package io.billfold.api.contact;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The customer already has the most contacts it may have. */
@ApiError(kind = ErrorKind.CONFLICT, code = "contact_limit_reached")
public class ContactLimitReachedException extends BillfoldException {

    public ContactLimitReachedException(int limit) {
        super("A customer has at most " + limit + " contacts");
    }
}
