package io.billfold.projection.replay;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The projection is already being replayed; one replay at a time. */
@ApiError(kind = ErrorKind.CONFLICT, code = "replay_in_progress")
public class ReplayInProgressException extends BillfoldException {

    ReplayInProgressException(String name) {
        super("Projection " + name + " is already being replayed");
    }
}
