package io.billfold.query.projection;

/**
 * Where one projection stands: {@code position} is the lowest position all its segments have processed, {@code head}
 * the newest event store position, {@code lag} the difference. While it replays, {@code replayProgress} runs from 0
 * to 1.
 */
record ProjectionStatus(String name, String status, long position, long head, long lag, boolean replaying,
                               Double replayProgress, long deadLetters) {
}
