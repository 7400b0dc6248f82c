package io.billfold.api.event;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** No public event with this id in the caller's organization. */
@ApiError(kind = ErrorKind.NOT_FOUND, code = "event_not_found")
public class EventNotFoundException extends BillfoldException {

    public EventNotFoundException(String eventId) {
        super("No event " + eventId);
    }
}
