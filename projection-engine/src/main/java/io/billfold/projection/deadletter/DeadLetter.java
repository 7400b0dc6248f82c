package io.billfold.projection.deadletter;

import java.time.Instant;

/**
 * An event a projection parked: where it is in the event store, what it was, and why handling it failed. It carries
 * no payload (personal data stays in the event store).
 */
public record DeadLetter(long id, String sequenceId, long globalIndex, String eventId, String eventType,
                  Long aggregateSequence, String cause, int attempts, Instant parkedAt, Instant lastAttemptAt) {
}
