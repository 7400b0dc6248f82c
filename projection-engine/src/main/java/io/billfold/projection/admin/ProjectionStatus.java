package io.billfold.projection.admin;

import io.billfold.projection.position.SegmentClaim;

import java.util.List;

/**
 * Where one projection stands: {@code position} is the lowest position all its segments have processed, {@code head}
 * the newest event store position, {@code lag} the difference. While it replays, {@code replayProgress} runs from 0
 * to 1. {@code segments} shows which query node holds each segment and how far it is.
 */
record ProjectionStatus(String name, String status, long position, long head, long lag, boolean replaying,
                               Double replayProgress, long deadLetters, List<SegmentClaim> segments) {}
