package io.billfold.query.projection;

import io.billfold.platform.eventstore.EventPositions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** The state of every projection, for operators: read from the stored tokens, so it covers every query node. */
@Component
class ProjectionAdmin {

    private final ProjectionPositions positions;
    private final EventPositions events;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    ProjectionAdmin(ProjectionPositions positions, EventPositions events, EventProcessingConfiguration processing,
                    JdbcTemplate jdbc) {
        this.positions = positions;
        this.events = events;
        this.processing = processing;
        this.jdbc = jdbc;
    }

    List<ProjectionStatus> statuses() {
        long head = events.head();
        return positions.projectionNames().stream().map(name -> status(name, head)).toList();
    }

    private ProjectionStatus status(String name, long head) {
        List<TrackingToken> tokens = positions.tokens(List.of(name));
        long position = tokens.isEmpty() || tokens.contains(null) ? 0
                : tokens.stream().mapToLong(ProjectionAdmin::positionOf).min().orElse(0);
        boolean replaying = tokens.stream().anyMatch(token -> token instanceof ReplayToken);
        Double progress = replaying ? replayProgress(tokens) : null;
        Long deadLetters = jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = ?",
                Long.class, name);
        return new ProjectionStatus(name, state(name), position, head, Math.max(0, head - position), replaying,
                progress, deadLetters == null ? 0 : deadLetters);
    }

    private String state(String name) {
        EventProcessor processor = processing.eventProcessor(name).orElse(null);
        if (processor instanceof StreamingEventProcessor streaming && streaming.isError()) {
            return "error";
        }
        return processor != null && processor.isRunning() ? "running" : "stopped";
    }

    /** How far the slowest segment is between where the replay started and where it must reach. */
    private static double replayProgress(List<TrackingToken> tokens) {
        double slowest = 1;
        for (TrackingToken token : tokens) {
            if (token instanceof ReplayToken replay) {
                long target = replay.getTokenAtReset() == null ? 0 : replay.getTokenAtReset().position().orElse(0);
                long current = positionOf(replay);
                slowest = Math.min(slowest, target <= 0 ? 1 : Math.min(1, (double) current / target));
            }
        }
        return slowest;
    }

    private static long positionOf(TrackingToken token) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        return current == null ? 0 : current.position().orElse(0);
    }
}
