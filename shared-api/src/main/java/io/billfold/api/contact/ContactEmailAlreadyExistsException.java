package io.billfold.api.contact;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** Another contact of the customer has this email (compared case-insensitively). */
public class ContactEmailAlreadyExistsException extends BillfoldException {

    public ContactEmailAlreadyExistsException(String email) {
        super(ErrorKind.CONFLICT, "contact_email_exists", "Another contact of this customer already uses the email " + email);
    }
}
