package io.billfold.webhooks;

import io.billfold.api.ListPage;
import io.billfold.api.PageRequest;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.auth.RequiredRole;
import io.billfold.platform.auth.Role;
import io.billfold.platform.openapi.Paginated;
import io.billfold.platform.openapi.Raises;
import io.billfold.platform.openapi.ResponseHeader;
import io.billfold.platform.openapi.ResponseHeaders;
import io.billfold.platform.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Webhook endpoints and their deliveries over HTTP, for admin keys only. */
@RestController
@Tag(name = "Webhooks")
@RequiredRole(Role.ADMIN)
class WebhookEndpointController {

    private static final Set<String> DELIVERY_STATUSES = Set.of("pending", "succeeded", "failed");

    private final WebhookEndpoints endpoints;
    private final DeliveryStore deliveries;
    private final WebhookSender sender;
    private final Clock clock;

    WebhookEndpointController(WebhookEndpoints endpoints, DeliveryStore deliveries, WebhookSender sender,
                              Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.sender = sender;
        this.clock = clock;
    }

    record EndpointPage(List<WebhookEndpoint> data, boolean hasMore, String nextCursor)
            implements ListPage<WebhookEndpoint> {
    }

    record DeliveryPage(List<WebhookDelivery> data, boolean hasMore, String nextCursor)
            implements ListPage<WebhookDelivery> {
    }

    @PostMapping("/v1/webhook-endpoints")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createWebhookEndpoint",
            summary = "Create a webhook endpoint; its signing secret is shown in this answer only")
    @ResponseHeaders(ResponseHeader.LOCATION)
    @Raises(UrlNotAllowedException.class)
    ResponseEntity<WebhookEndpoint> create(@RequestBody WebhookEndpoints.CreateRequest request) {
        WebhookEndpoint created = endpoints.create(CallerContext.organizationId(), request);
        return ResponseEntity.created(URI.create("/v1/webhook-endpoints/" + created.id())).body(created);
    }

    @GetMapping("/v1/webhook-endpoints")
    @Operation(operationId = "listWebhookEndpoints", summary = "The organization's webhook endpoints, newest first")
    @Paginated
    EndpointPage list(@RequestParam Map<String, String> parameters) {
        PageRequest page = QueryParameters.page(parameters.get("limit"), parameters.get("starting_after"));
        return ListPage.of(endpoints.list(CallerContext.organizationId(), page.startingAfter(), page.limit() + 1),
                page.limit(), WebhookEndpoint::id, EndpointPage::new);
    }

    @GetMapping("/v1/webhook-endpoints/{id}")
    @Operation(operationId = "getWebhookEndpoint", summary = "A webhook endpoint")
    @Raises(EndpointNotFoundException.class)
    WebhookEndpoint get(@PathVariable String id) {
        return endpoints.find(CallerContext.organizationId(), id);
    }

    @PatchMapping(path = "/v1/webhook-endpoints/{id}", consumes = {"application/merge-patch+json",
            "application/json"})
    @Operation(operationId = "updateWebhookEndpoint",
            summary = "Change a webhook endpoint: url, event_types, description, status (enabled or disabled)")
    @Raises({EndpointNotFoundException.class, UrlNotAllowedException.class})
    WebhookEndpoint update(@PathVariable String id, @RequestBody WebhookEndpoints.UpdateRequest request) {
        return endpoints.update(CallerContext.organizationId(), id, request);
    }

    @DeleteMapping("/v1/webhook-endpoints/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete a webhook endpoint and its deliveries")
    @Raises(EndpointNotFoundException.class)
    ResponseEntity<Void> delete(@PathVariable String id) {
        endpoints.delete(CallerContext.organizationId(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v1/webhook-endpoints/{id}/rotate-secret")
    @Raises(EndpointNotFoundException.class)
    @Operation(operationId = "rotateWebhookEndpointSecret",
            summary = "Replace the signing secret (shown in this answer only); the previous one keeps signing "
            + "for 24 hours")
    WebhookEndpoint rotateSecret(@PathVariable String id) {
        return endpoints.rotateSecret(CallerContext.organizationId(), id);
    }

    @GetMapping("/v1/webhook-endpoints/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The endpoint's deliveries, newest event first")
    @Paginated
    @Raises(EndpointNotFoundException.class)
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "Only deliveries in this status",
            schema = @Schema(allowableValues = {"pending", "succeeded", "failed"}))
    DeliveryPage deliveries(@PathVariable String id, @RequestParam Map<String, String> parameters) {
        endpoints.find(CallerContext.organizationId(), id);
        String status = parameters.get("status");
        if (status != null && !DELIVERY_STATUSES.contains(status)) {
            throw QueryParameters.invalid("status", "must be one of pending, succeeded, failed");
        }
        PageRequest page = QueryParameters.page(parameters.get("limit"), parameters.get("starting_after"));
        return ListPage.of(deliveries.list(id, status, page.startingAfter(), page.limit() + 1), page.limit(),
                WebhookDelivery::id, DeliveryPage::new);
    }

    @PostMapping("/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = "retryWebhookDelivery", summary = "Send a delivery again now, whatever its status")
    @Raises({EndpointNotFoundException.class, DeliveryNotFoundException.class})
    WebhookDelivery retry(@PathVariable String id, @PathVariable String deliveryId) {
        endpoints.find(CallerContext.organizationId(), id);
        deliveries.find(id, deliveryId).orElseThrow(() -> new DeliveryNotFoundException(deliveryId));
        deliveries.retryNow(deliveryId, clock.instant());
        sender.wakeUpAfterCommit();
        return deliveries.find(id, deliveryId).orElseThrow();
    }
}
