package io.billfold.webhooks;

import io.billfold.api.error.FieldError;
import io.billfold.api.error.TextRule;
import io.billfold.api.error.ValidationFailedException;
import io.billfold.api.event.PublicEventTypes;
import io.billfold.platform.auth.Ids;
import io.billfold.platform.eventstore.EventPositions;
import okhttp3.HttpUrl;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creating, changing, rotating and deleting webhook endpoints: the rules on their fields, and their secrets (shown
 * when created or rotated, stored only sealed, never logged). Runs in the request's transaction.
 */
@Service
class WebhookEndpoints {

    static final String ALL_TYPES = "*";
    private static final int MAX_URL = 2048;

    private final EndpointStore store;
    private final SecretBox secrets;
    private final UrlPolicy urls;
    private final EventPositions positions;
    private final WebhookSettings settings;
    private final Clock clock;

    WebhookEndpoints(EndpointStore store, SecretBox secrets, UrlPolicy urls, EventPositions positions,
                     WebhookSettings settings, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.urls = urls;
        this.positions = positions;
        this.settings = settings;
        this.clock = clock;
    }

    record CreateRequest(String url, List<String> eventTypes, String description) {
    }

    /** A merge patch: absent fields stay; {@code description} may be null (cleared), the others may not. */
    record UpdateRequest(JsonNode url, JsonNode eventTypes, JsonNode description, JsonNode status) {
    }

    WebhookEndpoint create(String organizationId, CreateRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String url = url(request.url(), errors);
        List<String> types = eventTypes(request.eventTypes(), errors);
        String description = description(request.description(), errors);
        requireValid(errors, url);
        String id = Ids.next("we");
        byte[] secret = Signatures.newSecret();
        Instant now = clock.instant();
        store.create(new EndpointStore.NewEndpoint(id, organizationId, url, types, description,
                secrets.seal(id, secret), positions.head(), now));
        return find(organizationId, id).withSecret(Signatures.display(secret));
    }

    WebhookEndpoint find(String organizationId, String endpointId) {
        return store.find(organizationId, endpointId, false)
                .orElseThrow(() -> new EndpointNotFoundException(endpointId));
    }

    List<WebhookEndpoint> list(String organizationId, String startingAfter, int limit) {
        return store.list(organizationId, startingAfter, limit);
    }

    WebhookEndpoint update(String organizationId, String endpointId, UpdateRequest request) {
        WebhookEndpoint current = store.find(organizationId, endpointId, true)
                .orElseThrow(() -> new EndpointNotFoundException(endpointId));
        List<FieldError> errors = new ArrayList<>();
        String url = current.url();
        if (request.url() != null) {
            String given = text("url", request.url(), errors);
            url = given == null ? null : url(given, errors);
        }
        List<String> types = current.eventTypes();
        if (request.eventTypes() != null) {
            types = request.eventTypes().isArray() && request.eventTypes().valueStream().allMatch(JsonNode::isString)
                    ? eventTypes(request.eventTypes().valueStream().map(JsonNode::asString).toList(), errors)
                    : invalid(errors, "event_types", "must be a list of event types, or [\"*\"]");
        }
        String description = request.description() == null ? current.description()
                : request.description().isNull() ? null
                : description(text("description", request.description(), errors), errors);
        String status = current.status();
        String disabledReason = current.disabledReason();
        if (request.status() != null) {
            String asked = text("status", request.status(), errors);
            if ("enabled".equals(asked) || "disabled".equals(asked)) {
                if (!asked.equals(status)) {
                    status = asked;
                    disabledReason = null;
                }
            } else if (asked != null) {
                errors.add(new FieldError("status", "invalid_value", "must be enabled or disabled"));
            }
        }
        requireValid(errors, request.url() == null ? null : url);
        store.update(endpointId, url, types, description, status, disabledReason, clock.instant());
        return find(organizationId, endpointId);
    }

    WebhookEndpoint rotateSecret(String organizationId, String endpointId) {
        store.find(organizationId, endpointId, true).orElseThrow(() -> new EndpointNotFoundException(endpointId));
        byte[] secret = Signatures.newSecret();
        Instant now = clock.instant();
        store.rotate(endpointId, secrets.seal(endpointId, secret), now.plus(settings.secretOverlap()), now);
        return find(organizationId, endpointId).withSecret(Signatures.display(secret));
    }

    void delete(String organizationId, String endpointId) {
        if (!store.delete(organizationId, endpointId)) {
            throw new EndpointNotFoundException(endpointId);
        }
    }

    /** Fails with every field error at once; then with {@code url_not_allowed} when the URL is refused. */
    private void requireValid(List<FieldError> errors, String checkedUrl) {
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        if (checkedUrl != null) {
            urls.refusal(HttpUrl.get(checkedUrl)).ifPresent(reason -> {
                throw new UrlNotAllowedException(reason);
            });
        }
    }

    private static String url(String value, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError("url", "required", "is required"));
            return null;
        }
        String url = value.strip();
        HttpUrl parsed = url.length() > MAX_URL ? null : HttpUrl.parse(url);
        String scheme = url.toLowerCase(Locale.ROOT);
        if (parsed == null || !(scheme.startsWith("http://") || scheme.startsWith("https://"))
                || !parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            errors.add(new FieldError("url", "invalid_url",
                    "must be an http or https URL of at most " + MAX_URL + " characters, without credentials"));
            return null;
        }
        return url;
    }

    private static List<String> eventTypes(List<String> types, List<FieldError> errors) {
        if (types == null || types.isEmpty()) {
            return invalid(errors, "event_types", "must list at least one event type, or [\"*\"] for all");
        }
        List<String> distinct = types.stream().distinct().toList();
        boolean known = distinct.stream().allMatch(type -> type != null && PublicEventTypes.ALL.contains(type));
        if (distinct.equals(List.of(ALL_TYPES)) || known) {
            return distinct;
        }
        return invalid(errors, "event_types",
                "must be [\"*\"] or a list of: " + String.join(", ", PublicEventTypes.ALL));
    }

    private static <T> T invalid(List<FieldError> errors, String field, String message) {
        errors.add(new FieldError(field, "invalid_value", message));
        return null;
    }

    private static String description(String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        TextRule.Violation violation = TextRule.violation(trimmed);
        if (violation == TextRule.Violation.BLANK) {
            return null;
        }
        if (violation != null) {
            errors.add(new FieldError("description", "invalid_value",
                    "must be at most " + TextRule.MAX_LENGTH + " characters, without control characters"));
            return null;
        }
        return trimmed;
    }

    private static String text(String field, JsonNode value, List<FieldError> errors) {
        if (value.isString()) {
            return value.asString();
        }
        errors.add(new FieldError(field, value.isNull() ? "required" : "invalid_type",
                value.isNull() ? "may not be null" : "must be a string"));
        return null;
    }
}
