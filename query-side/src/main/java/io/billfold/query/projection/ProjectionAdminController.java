package io.billfold.query.projection;

import io.billfold.platform.auth.OperatorOnly;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

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

    @GetMapping("/v1/admin/projections")
    @OperatorOnly
    @Operation(summary = "Every projection: status, position, head, lag, replay progress, dead letters")
    Projections projections() {
        return new Projections(admin.statuses());
    }
}
