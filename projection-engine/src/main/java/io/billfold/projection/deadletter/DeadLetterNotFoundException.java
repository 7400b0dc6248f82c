package io.billfold.projection.deadletter;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The projection has no parked event with this id (it may have been retried or dropped). */
public class DeadLetterNotFoundException extends BillfoldException {

    public DeadLetterNotFoundException(long id) {
        super(ErrorKind.NOT_FOUND, "dead_letter_not_found", "There is no dead letter " + id);
    }
}
