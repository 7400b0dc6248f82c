package io.billfold.projection.position;

/** One segment: the query node holding it (Axon's node id, {@code pid@host}; null if none) and its position. */
public record SegmentClaim(int segment, String owner, long position) {
}
