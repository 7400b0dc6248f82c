package io.billfold.projection.position;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Whether the read models have processed a given event store position, judged from the stored tokens of every
 * segment of every projection (so also for segments other query nodes own).
 */
@Component
public class ProjectionPositions {

    /** Beyond this many events between a segment's token and the position, the segment is simply waited for. */
    private static final int MAX_EVENTS_INSPECTED = 10_000;

    private static final long TOKENS_MAX_AGE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Map<String, Optional<Class<?>>> payloadClasses = new ConcurrentHashMap<>();
    private final Object tokenRead = new Object();
    private volatile TokenSnapshot snapshot;

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    ProjectionPositions(EventProcessingConfiguration processing, JdbcTemplate jdbc, Serializer serializer) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * True when every projection has reached {@code position} (see {@link #position}) and the event there is
     * committed: a read that waited for it sees its own write.
     */
    boolean processed(long position) {
        List<String> names = projectionNames();
        if (names.isEmpty()) {
            return true;
        }
        List<SegmentToken> tokens = recentTokens(names);
        if (tokens.isEmpty()) {
            return false;
        }
        if (tokens.stream().allMatch(segment -> covers(segment.token(), position))) {
            return true;
        }
        List<StoredEvent> events = eventsNotCovered(tokens, position);
        if (events == null || events.stream().noneMatch(event -> event.position() == position)) {
            // Too far behind to inspect, or not committed yet (or not visible to this node yet).
            return false;
        }
        return names.stream().allMatch(name -> reached(name, tokens, events, position) >= position);
    }

    /**
     * The position a projection has reached: the highest {@code P} up to {@code head} such that every event up to
     * {@code P} that one of its segments handles has been processed by that segment. A segment stores its token after
     * each batch it handles, but a segment that handles none of the latest events stores its advanced token only at its
     * next claim extension; counting such a segment's stored token would put the projection behind events it has
     * nothing to do with (and a read-your-writes wait would take up to a claim extension). Read-your-writes
     * ({@link #processed}) and the operators' status mean the same by it.
     */
    public long position(String name, long head) {
        List<SegmentToken> tokens = segmentTokens(List.of(name));
        if (tokens.isEmpty()) {
            return 0;
        }
        List<StoredEvent> events = eventsNotCovered(tokens, head);
        if (events == null) {
            return tokens.stream().mapToLong(segment -> firstUnprocessed(segment.token()) - 1).min().orElse(0);
        }
        return reached(name, tokens, events, head);
    }

    /**
     * The committed events up to {@code limit} from the first one some segment has not processed, or null when there
     * are more than {@link #MAX_EVENTS_INSPECTED} of them (the projection is then simply behind).
     */
    private List<StoredEvent> eventsNotCovered(List<SegmentToken> tokens, long limit) {
        long from = tokens.stream().mapToLong(segment -> firstUnprocessed(segment.token())).min().orElse(limit + 1);
        if (from > limit) {
            return List.of();
        }
        if (limit - from > MAX_EVENTS_INSPECTED) {
            return null;
        }
        return jdbc.query("""
                        select global_index, aggregate_identifier, payload_type from domain_event_entry
                         where global_index >= ? and global_index <= ? order by global_index
                        """, (rs, row) -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3)),
                from, limit);
    }

    /**
     * How far one projection has got, up to {@code limit}: for each of its segments, just before the first event
     * (in {@code events}, ordered) that the segment handles and has not processed; the lowest of these.
     */
    private long reached(String name, List<SegmentToken> allTokens, List<StoredEvent> events, long limit) {
        List<SegmentToken> tokens = allTokens.stream().filter(segment -> segment.processor().equals(name)).toList();
        int[] segmentIds = tokens.stream().mapToInt(SegmentToken::segment).toArray();
        EventHandlerInvoker handlers = handlers(name);
        long reached = limit;
        for (SegmentToken segment : tokens) {
            Segment assigned = Segment.computeSegment(segment.segment(), segmentIds);
            for (StoredEvent event : events) {
                if (event.position() > reached) {
                    break;
                }
                if (!covers(segment.token(), event.position()) && assigned.matches(event.aggregateId())
                        && handles(handlers, event.payloadType())) {
                    reached = event.position() - 1;
                    break;
                }
            }
        }
        return reached;
    }

    private record SegmentToken(String processor, int segment, TrackingToken token) {
    }

    private record TokenSnapshot(List<String> names, List<SegmentToken> tokens, long readAt) {
        boolean staleFor(List<String> wanted) {
            return !names.equals(wanted) || System.nanoTime() - readAt > TOKENS_MAX_AGE_NANOS;
        }
    }

    private record StoredEvent(long position, String aggregateId, String payloadType) {
    }

    /**
     * The tokens as read at most {@link #TOKENS_MAX_AGE_NANOS} ago, read by one thread for all that wait: a hundred
     * requests waiting for their positions would otherwise each read every token every few milliseconds. A token
     * read earlier is never ahead of the stored one (tokens only move forward), so a shared one can only make a
     * request wait a little longer, never answer it too early.
     */
    private List<SegmentToken> recentTokens(List<String> names) {
        TokenSnapshot recent = snapshot;
        if (recent == null || recent.staleFor(names)) {
            synchronized (tokenRead) {
                recent = snapshot;
                if (recent == null || recent.staleFor(names)) {
                    long readAt = System.nanoTime();
                    recent = new TokenSnapshot(names, segmentTokens(names), readAt);
                    snapshot = recent;
                }
            }
        }
        return recent.tokens();
    }

    private List<SegmentToken> segmentTokens(List<String> names) {
        return jdbc.query("select processor_name, segment, token, token_type from token_entry where processor_name = any (?)",
                (rs, row) -> new SegmentToken(rs.getString("processor_name"), rs.getInt("segment"),
                        rs.getBytes("token") == null ? null : token(rs.getBytes("token"), rs.getString("token_type"))),
                (Object) names.toArray(String[]::new));
    }

    private TrackingToken token(byte[] serialized, String type) {
        return serializer.deserialize(new SimpleSerializedObject<>(serialized, byte[].class, type, null));
    }

    /** Each segment of a projection with the node holding it and its position, in segment order. */
    public List<SegmentClaim> segments(String name) {
        return jdbc.query("select segment, owner, token, token_type from token_entry where processor_name = ? "
                        + "order by segment",
                (rs, row) -> new SegmentClaim(rs.getInt("segment"), rs.getString("owner"),
                        rs.getBytes("token") == null ? 0 : positionOf(token(rs.getBytes("token"),
                                rs.getString("token_type")))),
                name);
    }

    /** The lowest position a token has not processed: its first gap, else the one after its index (1 without one). */
    private static long firstUnprocessed(TrackingToken token) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware && !gapAware.getGaps().isEmpty()) {
            return gapAware.getGaps().first();
        }
        return positionOf(token) + 1;
    }

    /** The handlers of a projection, or null when unknown (every event then counts as one it handles). */
    private EventHandlerInvoker handlers(String processorName) {
        return processing.eventProcessor(processorName)
                .filter(AbstractEventProcessor.class::isInstance)
                .map(processor -> ((AbstractEventProcessor) processor).eventHandlerInvoker())
                .orElse(null);
    }

    /** Whether a projection handles a payload type; unknown handlers or types count as handled. */
    private boolean handles(EventHandlerInvoker handlers, String payloadType) {
        Optional<Class<?>> type = payloadClasses.computeIfAbsent(payloadType, name -> {
            try {
                return Optional.of(Class.forName(name, false, getClass().getClassLoader()));
            } catch (ClassNotFoundException e) {
                return Optional.empty();
            }
        });
        return handlers == null || type.isEmpty() || handlers.canHandleType(type.get());
    }

    /** The names of the projections (streaming event processors) of this process. */
    public List<String> projectionNames() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(processor -> processor.getName())
                .sorted()
                .toList();
    }

    /** The stored token of every segment of these projections (null for a segment that has not started). */
    public List<TrackingToken> tokens(List<String> names) {
        List<TrackingToken> tokens = new ArrayList<>();
        segmentTokens(names).forEach(segment -> tokens.add(segment.token()));
        return tokens;
    }

    /** The position a token has reached (its lower bound while it replays); 0 before the first event. */
    public static long positionOf(TrackingToken token) {
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
