package io.billfold.platform.web;

import io.billfold.platform.eventstore.EventPositions;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.List;

/**
 * Responses to commands, each with {@code Billfold-Position}: the event store position a query can wait for with
 * {@code Billfold-Await-Position} to read its own write.
 */
@Component
public class CommandResponses {

    public static final String POSITION_HEADER = "Billfold-Position";

    private final EventPositions positions;

    CommandResponses(EventPositions positions) {
        this.positions = positions;
    }

    public <T> ResponseEntity<T> created(URI location, T body, String... aggregateIds) {
        return ResponseEntity.created(location).header(POSITION_HEADER, position(aggregateIds)).body(body);
    }

    public <T> ResponseEntity<T> ok(T body, String... aggregateIds) {
        return ResponseEntity.ok().header(POSITION_HEADER, position(aggregateIds)).body(body);
    }

    public ResponseEntity<Void> noContent(String... aggregateIds) {
        return ResponseEntity.noContent().header(POSITION_HEADER, position(aggregateIds)).build();
    }

    private String position(String... aggregateIds) {
        return Long.toString(positions.lastPositionOf(List.of(aggregateIds)));
    }
}
