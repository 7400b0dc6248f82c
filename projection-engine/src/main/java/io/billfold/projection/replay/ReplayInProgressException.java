package io.billfold.projection.replay;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The projection is already being replayed; one replay at a time. */
class ReplayInProgressException extends BillfoldException {

    ReplayInProgressException(String name) {
        super(ErrorKind.CONFLICT, "replay_in_progress", "Projection " + name + " is already being replayed");
    }
}
