package io.billfold.api.contact;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The customer has no such contact. */
public class ContactNotFoundException extends BillfoldException {

    public ContactNotFoundException(String contactId) {
        super(ErrorKind.NOT_FOUND, "contact_not_found", "No contact " + contactId);
    }
}
