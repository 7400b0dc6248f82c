package io.billfold.api.customer;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** Another live customer of the organization has this email (compared case-insensitively). */
public class EmailAlreadyInUseException extends BillfoldException {

    public EmailAlreadyInUseException(String email) {
        super(ErrorKind.CONFLICT, "email_already_exists", "Another customer already uses the email " + email);
    }
}
