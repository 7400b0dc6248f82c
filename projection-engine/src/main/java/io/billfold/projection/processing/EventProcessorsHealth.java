package io.billfold.projection.processing;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness of the projections: every event processor runs and none is stuck on an error. */
@Component("eventProcessors")
class EventProcessorsHealth implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    EventProcessorsHealth(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        processing.eventProcessors().forEach((name, processor) -> {
            boolean failing = processor instanceof StreamingEventProcessor streaming && streaming.isError();
            if (!processor.isRunning() || failing) {
                health.down();
            }
            health.withDetail(name, failing ? "error" : processor.isRunning() ? "running" : "stopped");
        });
        return health.build();
    }
}
