package io.billfold.projection.deadletter;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The projection has no parked event with this id (it may have been retried or dropped). */
@ApiError(kind = ErrorKind.NOT_FOUND, code = "dead_letter_not_found")
public class DeadLetterNotFoundException extends BillfoldException {

    public DeadLetterNotFoundException(long id) {
        super("There is no dead letter " + id);
    }
}
