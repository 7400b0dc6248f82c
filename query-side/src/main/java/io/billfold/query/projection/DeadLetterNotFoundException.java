package io.billfold.query.projection;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The projection has no parked event with this id (it may have been retried or dropped). */
class DeadLetterNotFoundException extends BillfoldException {

    DeadLetterNotFoundException(long id) {
        super(ErrorKind.NOT_FOUND, "dead_letter_not_found", "There is no dead letter " + id);
    }
}
