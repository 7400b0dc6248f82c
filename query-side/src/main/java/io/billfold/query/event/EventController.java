package io.billfold.query.event;

import io.billfold.api.PageRequest;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import io.billfold.api.event.EventNotFoundException;
import io.billfold.api.event.PublicEventTypes;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.openapi.Paginated;
import io.billfold.platform.openapi.Raises;
import io.billfold.platform.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import tools.jackson.databind.util.RawValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The event feed over HTTP: pages of an organization's public events, oldest first, with long polling. */
@RestController
@Tag(name = "Events")
class EventController {

    static final int MAX_WAIT_SECONDS = 30;

    private final EventFeed feed;
    private final EventWaiters waiters;

    EventController(EventFeed feed, EventWaiters waiters) {
        this.feed = feed;
        this.waiters = waiters;
    }

    @GetMapping("/v1/events")
    @Operation(operationId = "listEvents", summary = "The organization's events, oldest first",
            description = "Long polling: with wait, a page with nothing after the cursor is answered as soon as an "
                    + "event arrives, or empty when the time is up.")
    @Paginated
    @Parameters({
            @Parameter(name = "types", in = ParameterIn.QUERY, description = "A comma-separated list of event types"),
            @Parameter(name = "wait", in = ParameterIn.QUERY, description = "Seconds to wait for an event when none follows the cursor", schema = @Schema(type = "integer", minimum = "0", maximum = "30", defaultValue = "0"))})
    DeferredResult<EventPage> list(@RequestParam Map<String, String> parameters) {
        List<FieldError> errors = new ArrayList<>();
        PageRequest page = null;
        try {
            page = QueryParameters.page(parameters.get("limit"), parameters.get("starting_after"));
        } catch (ValidationFailedException e) {
            errors.addAll(e.errors());
        }
        List<String> types = types(parameters.get("types"), errors);
        int wait = waitSeconds(parameters.get("wait"), errors);
        String organizationId = CallerContext.organizationId();
        long after = 0;
        if (page != null && page.startingAfter() != null) {
            after = feed.position(organizationId, page.startingAfter()).orElse(-1);
            if (after < 0) {
                errors.add(new FieldError("starting_after", "invalid_value", "is not an event of this organization"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        EventFeed.Page found = feed.page(organizationId, after, types, page.limit());
        DeferredResult<EventPage> result = new DeferredResult<>(wait * 1000L, EventPage.empty());
        if (!found.isEmpty() || wait == 0) {
            result.setResult(EventPage.of(found));
        } else {
            waiters.await(new EventWaiters.Waiter(organizationId, after, types, page.limit(), result));
        }
        return result;
    }

    @GetMapping("/v1/events/{id}")
    @Operation(operationId = "getEvent", summary = "One event")
    @Raises(EventNotFoundException.class)
    RawValue event(@PathVariable String id) {
        return feed.body(CallerContext.organizationId(), id).map(RawValue::new)
                .orElseThrow(() -> new EventNotFoundException(id));
    }

    private static List<String> types(String value, List<FieldError> errors) {
        if (value == null) {
            return List.of();
        }
        List<String> types = Arrays.stream(value.split(",", -1)).map(String::strip).distinct().toList();
        if (types.stream().anyMatch(type -> !PublicEventTypes.ALL.contains(type))) {
            errors.add(new FieldError("types", "invalid_value",
                    "must be a comma-separated list of: " + String.join(", ", PublicEventTypes.ALL)));
        }
        return types;
    }

    private static int waitSeconds(String value, List<FieldError> errors) {
        if (value == null) {
            return 0;
        }
        try {
            int seconds = Integer.parseInt(value.strip());
            if (seconds >= 0 && seconds <= MAX_WAIT_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("wait", "invalid_value",
                "must be a whole number of seconds from 0 to " + MAX_WAIT_SECONDS));
        return 0;
    }
}
