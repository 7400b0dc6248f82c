package io.billfold.api.contact;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The customer has no such contact. */
@ApiError(kind = ErrorKind.NOT_FOUND, code = "contact_not_found")
public class ContactNotFoundException extends BillfoldException {

    public ContactNotFoundException(String contactId) {
        super("No contact " + contactId);
    }
}
