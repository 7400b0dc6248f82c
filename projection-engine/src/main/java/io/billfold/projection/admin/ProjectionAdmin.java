package io.billfold.projection.admin;

import io.billfold.platform.eventstore.EventPositions;
import io.billfold.projection.ProjectionNotFoundException;
import io.billfold.projection.deadletter.DeadLetter;
import io.billfold.projection.deadletter.DeadLetterNotFoundException;
import io.billfold.projection.deadletter.DeadLetters;
import io.billfold.projection.position.ProjectionPositions;
import io.billfold.projection.replay.ProjectionReplays;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Projection operations for operators: the state of every projection (read from the stored tokens, so it covers
 * every query node), replays, and the dead-letter queues. Mutating operations run in the caller's transaction.
 */
@Component
class ProjectionAdmin {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);

    private final ProjectionPositions positions;
    private final EventPositions events;
    private final EventProcessingConfiguration processing;
    private final ProjectionReplays replays;
    private final DeadLetters deadLetters;
    private final EventStorageEngine storage;
    private final DataSource dataSource;

    ProjectionAdmin(ProjectionPositions positions, EventPositions events, EventProcessingConfiguration processing,
                    ProjectionReplays replays, DeadLetters deadLetters, EventStorageEngine storage,
                    DataSource dataSource) {
        this.positions = positions;
        this.events = events;
        this.processing = processing;
        this.replays = replays;
        this.deadLetters = deadLetters;
        this.storage = storage;
        this.dataSource = dataSource;
    }

    /** What a retry of a projection's dead letters did. */
    record RetryOutcome(int handled, long stillParked) {
    }

    List<ProjectionStatus> statuses() {
        long head = events.head();
        return positions.projectionNames().stream().map(name -> status(name, head)).toList();
    }

    ProjectionStatus status(String name) {
        replays.model(name);
        return status(name, events.head());
    }

    private ProjectionStatus status(String name, long head) {
        long position = positions.position(name, head);
        Double progress = replays.progress(name, head).stream().boxed().findFirst().orElse(null);
        return new ProjectionStatus(name, state(name), position, head, Math.max(0, head - position),
                progress != null, progress, deadLetters.count(name), positions.segments(name));
    }

    void replay(String name, String requestedBy) {
        replays.start(name, requestedBy);
    }

    List<DeadLetter> deadLetters(String name, int limit) {
        replays.model(name);
        return deadLetters.list(name, limit);
    }

    void drop(String name, long id) {
        replays.model(name);
        if (!deadLetters.drop(name, id)) {
            throw new DeadLetterNotFoundException(id);
        }
        log.warn("Dead letter {} of projection {} dropped by the operator: its event will not reach the projection",
                id, name);
    }

    /**
     * Hands every parked event of a projection to its handlers again, oldest first per aggregate; an aggregate whose
     * event fails again keeps that event and the ones behind it parked.
     */
    RetryOutcome retry(String name) throws SQLException {
        replays.model(name);
        AbstractEventProcessor processor = (AbstractEventProcessor) processing.eventProcessor(name)
                .orElseThrow(() -> new ProjectionNotFoundException(name));
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Set<String> stillBlocked = new HashSet<>();
        int handled = 0;
        for (DeadLetter letter : deadLetters.lockForRetry(name)) {
            if (stillBlocked.contains(letter.sequenceId())) {
                continue;
            }
            Savepoint savepoint = connection.setSavepoint();
            try {
                EventMessage<?> event = event(letter).orElseThrow(() ->
                        new IllegalStateException("Event " + letter.eventId() + " is not in the event store"));
                var result = DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> {
                    processor.eventHandlerInvoker().handle(event, Segment.ROOT_SEGMENT);
                    return null;
                });
                if (result.isExceptional()) {
                    throw result.exceptionResult();
                }
                connection.releaseSavepoint(savepoint);
                deadLetters.handled(letter.id());
                handled++;
            } catch (Throwable failure) {
                connection.rollback(savepoint);
                deadLetters.failedAgain(letter.id(), failure.getClass().getName() + ": " + failure.getMessage());
                stillBlocked.add(letter.sequenceId());
            }
        }
        deadLetters.forget(name);
        log.info("Retried the dead letters of projection {}: {} handled, {} still parked", name, handled,
                deadLetters.count(name));
        return new RetryOutcome(handled, deadLetters.count(name));
    }

    private Optional<EventMessage<?>> event(DeadLetter letter) {
        TrackingToken before = GapAwareTrackingToken.newInstance(letter.globalIndex() - 1, Set.of());
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(before, false)) {
            return stream.filter(event -> event.getIdentifier().equals(letter.eventId()))
                    .<EventMessage<?>>map(event -> event).findFirst();
        }
    }

    private String state(String name) {
        EventProcessor processor = processing.eventProcessor(name).orElse(null);
        if (processor instanceof StreamingEventProcessor streaming && streaming.isError()) {
            return "error";
        }
        return processor != null && processor.isRunning() ? "running" : "stopped";
    }
}
