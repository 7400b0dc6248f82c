package io.billfold.webhooks;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The public events as webhooks need them, provided by the event feed (query side): final events in position order,
 * their bodies as the feed serves them, and a call when more became final.
 */
public interface PublishedEvents {

    /** A public event: where it is, whose it is, and its type. */
    record Event(long position, String id, String organizationId, String type) {
    }

    /** Events after a position, oldest first; every position below {@code finalBelow} is final. */
    record Batch(List<Event> events, long finalBelow) {
    }

    /** At most {@code limit} final events after {@code position}. */
    Batch after(long position, int limit);

    /** The bodies of these events, by position. */
    Map<Long, String> bodies(Collection<Long> positions);

    /**
     * The ids of the events that name the customer a {@code customer.erased} event erased (their bodies showed its
     * data before the erasure scrubbed them).
     */
    List<String> aboutErasedCustomer(Event erasure);

    /** Calls {@code listener} whenever more events became final. */
    void onPublished(Runnable listener);
}
