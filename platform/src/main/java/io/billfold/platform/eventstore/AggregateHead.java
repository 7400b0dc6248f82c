package io.billfold.platform.eventstore;

/**
 * The newest event of an aggregate: its sequence number, its identifier (which no other event, committed or rolled
 * back, ever had) and its position in the global order.
 */
public record AggregateHead(long sequenceNumber, String eventIdentifier, long position) {
}
