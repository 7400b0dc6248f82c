package io.billfold.api.event;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** No public event with this id in the caller's organization. */
public class EventNotFoundException extends BillfoldException {

    public EventNotFoundException(String eventId) {
        super(ErrorKind.NOT_FOUND, "event_not_found", "No event " + eventId);
    }
}
