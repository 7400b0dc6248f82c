package io.billfold.query.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Whether the read models have processed a given event store position, judged from the stored tokens of every
 * segment of every projection (so also for segments other query nodes own).
 */
@Component
class ProjectionPositions {

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    ProjectionPositions(EventProcessingConfiguration processing, JdbcTemplate jdbc, Serializer serializer) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** True when every segment of every projection has handled the event at {@code position}. */
    boolean processed(long position) {
        List<String> names = projectionNames();
        if (names.isEmpty()) {
            return true;
        }
        List<TrackingToken> tokens = tokens(names);
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> covers(token, position));
    }

    /** The names of the projections (streaming event processors) of this process. */
    List<String> projectionNames() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(processor -> processor.getName())
                .sorted()
                .toList();
    }

    /** The stored token of every segment of these projections (null for a segment that has not started). */
    List<TrackingToken> tokens(List<String> names) {
        return jdbc.query("select token, token_type from token_entry where processor_name = any (?)",
                (rs, row) -> rs.getBytes("token") == null ? null
                        : token(rs.getBytes("token"), rs.getString("token_type")),
                (Object) names.toArray(String[]::new));
    }

    private TrackingToken token(byte[] serialized, String type) {
        return serializer.deserialize(new SimpleSerializedObject<>(serialized, byte[].class, type, null));
    }

    /** Each segment of a projection with the node holding it and its position, in segment order. */
    List<ProjectionStatus.SegmentClaim> segments(String name) {
        return jdbc.query("select segment, owner, token, token_type from token_entry where processor_name = ? "
                        + "order by segment",
                (rs, row) -> new ProjectionStatus.SegmentClaim(rs.getInt("segment"), rs.getString("owner"),
                        rs.getBytes("token") == null ? 0 : positionOf(token(rs.getBytes("token"),
                                rs.getString("token_type")))),
                name);
    }

    /** The position a token has reached (its lower bound while it replays); 0 before the first event. */
    static long positionOf(TrackingToken token) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        return current == null ? 0 : current.position().orElse(0);
    }

    static boolean covers(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current != null && current.position().orElse(-1) >= position;
    }
}
