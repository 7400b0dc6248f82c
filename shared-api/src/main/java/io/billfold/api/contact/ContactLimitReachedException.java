package io.billfold.api.contact;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The customer already has the most contacts it may have. */
public class ContactLimitReachedException extends BillfoldException {

    public ContactLimitReachedException(int limit) {
        super(ErrorKind.CONFLICT, "contact_limit_reached", "A customer has at most " + limit + " contacts");
    }
}
