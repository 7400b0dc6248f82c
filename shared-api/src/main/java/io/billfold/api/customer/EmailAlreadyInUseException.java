package io.billfold.api.customer;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** Another live customer of the organization has this email (compared case-insensitively). */
@ApiError(kind = ErrorKind.CONFLICT, code = "email_already_exists")
public class EmailAlreadyInUseException extends BillfoldException {

    public EmailAlreadyInUseException(String email) {
        super("Another customer already uses the email " + email);
    }
}
