package io.billfold.api.contact;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** Another contact of the customer has this email (compared case-insensitively). */
@ApiError(kind = ErrorKind.CONFLICT, code = "contact_email_exists")
public class ContactEmailAlreadyExistsException extends BillfoldException {

    public ContactEmailAlreadyExistsException(String email) {
        super("Another contact of this customer already uses the email " + email);
    }
}
