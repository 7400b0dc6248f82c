package io.billfold.projection.admin;

import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.auth.OperatorOnly;
import io.billfold.platform.openapi.Raises;
import io.billfold.platform.web.QueryParameters;
import io.billfold.projection.ProjectionNotFoundException;
import io.billfold.projection.deadletter.DeadLetter;
import io.billfold.projection.deadletter.DeadLetterNotFoundException;
import io.billfold.projection.replay.ReplayInProgressException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.sql.SQLException;
import java.util.List;

/** Projection operations for the platform operator. */
@RestController
@Tag(name = "Projections (operator)")
class ProjectionAdminController {

    private final ProjectionAdmin admin;

    ProjectionAdminController(ProjectionAdmin admin) {
        this.admin = admin;
    }

    record Projections(List<ProjectionStatus> data) {
    }

    record DeadLetterList(List<DeadLetter> data) {
    }

    @GetMapping("/v1/admin/projections")
    @OperatorOnly
    @Operation(operationId = "listProjections",
            summary = "Every projection: status, position, head, lag, replay progress, dead letters, "
            + "which query node holds each segment")
    Projections projections() {
        return new Projections(admin.statuses());
    }

    @PostMapping("/v1/admin/projections/{name}/replay")
    @OperatorOnly
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = "replayProjection",
            summary = "Rebuild a projection from the first event; queries keep answering until it swaps in")
    @Raises({ProjectionNotFoundException.class, ReplayInProgressException.class})
    ResponseEntity<ProjectionStatus> replay(@PathVariable String name) {
        admin.replay(name, CallerContext.current().orElseThrow().caller().keyName());
        return ResponseEntity.accepted().body(admin.status(name));
    }

    @GetMapping("/v1/admin/projections/{name}/dead-letters")
    @OperatorOnly
    @Operation(operationId = "listDeadLetters", summary = "The events a projection parked, oldest first per aggregate")
    @Raises(ProjectionNotFoundException.class)
    DeadLetterList deadLetters(@PathVariable String name,
                               @Parameter(description = "How many to list, at most", schema = @Schema(
                                       type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
                               @RequestParam(required = false) String limit) {
        return new DeadLetterList(admin.deadLetters(name, QueryParameters.page(limit, null).limit()));
    }

    @PostMapping("/v1/admin/projections/{name}/dead-letters/retry")
    @OperatorOnly
    @Operation(operationId = "retryDeadLetters", summary = "Hand every parked event to the projection again")
    @Raises(ProjectionNotFoundException.class)
    ProjectionAdmin.RetryOutcome retry(@PathVariable String name) throws SQLException {
        return admin.retry(name);
    }

    @DeleteMapping("/v1/admin/projections/{name}/dead-letters/{id}")
    @OperatorOnly
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "dropDeadLetter", summary = "Drop a parked event for good: it will never reach the projection")
    @Raises({ProjectionNotFoundException.class, DeadLetterNotFoundException.class})
    ResponseEntity<Void> drop(@PathVariable String name, @PathVariable long id) {
        admin.drop(name, id);
        return ResponseEntity.noContent().build();
    }
}
