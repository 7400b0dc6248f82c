package io.billfold.platform.auth;

import io.billfold.api.ListPage;
import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;
import io.billfold.platform.openapi.Raises;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Organizations (operator) and the API keys of the caller's organization (admin). */
@RestController
@Tag(name = "Organizations and API keys")
class ApiKeyController {

    private final KeyManagement management;
    private final ApiKeyStore store;

    ApiKeyController(KeyManagement management, ApiKeyStore store) {
        this.management = management;
        this.store = store;
    }

    record CreateOrganizationRequest(String name) {
    }

    record OrganizationCreated(String id, String name, Instant createdAt, String adminApiKey) {
    }

    record CreateApiKeyRequest(String name, String role) {
    }

    record ApiKeyResponse(String id, String name, String role, Instant createdAt, String apiKey) {
        static ApiKeyResponse of(ApiKeyStore.ApiKeyRecord key, String secret) {
            return new ApiKeyResponse(key.id(), key.name(), key.role().apiName(), key.createdAt(), secret);
        }
    }

    @ApiError(kind = ErrorKind.NOT_FOUND, code = "api_key_not_found")
    static class ApiKeyNotFoundException extends BillfoldException {
        ApiKeyNotFoundException(String id) {
            super("No API key " + id);
        }
    }

    @PostMapping("/v1/organizations")
    @ResponseStatus(HttpStatus.CREATED)
    @OperatorOnly
    @Operation(operationId = "createOrganization", summary = "Create an organization and its first admin key (operator)",
            description = "The admin key is shown in this answer only.")
    OrganizationCreated createOrganization(@RequestBody CreateOrganizationRequest request) {
        KeyManagement.NewOrganization created = management.createOrganization(request.name(), null);
        return new OrganizationCreated(created.organization().id(), created.organization().name(),
                created.organization().createdAt(), created.adminKey());
    }

    @PostMapping("/v1/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiredRole(Role.ADMIN)
    @Operation(operationId = "createApiKey", summary = "Create an API key (role admin, writer or reader)",
            description = "The key is shown in this answer only.")
    ApiKeyResponse createKey(@RequestBody CreateApiKeyRequest request) {
        KeyManagement.IssuedKey issued = management.issueKey(CallerContext.organizationId(), request.name(), request.role());
        return ApiKeyResponse.of(issued.key(), issued.secret());
    }

    record ApiKeyPage(List<ApiKeyResponse> data, boolean hasMore, String nextCursor) implements ListPage<ApiKeyResponse> {
    }

    @GetMapping("/v1/api-keys")
    @RequiredRole(Role.ADMIN)
    @Operation(operationId = "listApiKeys", summary = "The organization's live API keys (without their secrets)")
    ApiKeyPage listKeys() {
        return new ApiKeyPage(store.liveKeys(CallerContext.organizationId()).stream()
                .map(key -> ApiKeyResponse.of(key, null)).toList(), false, null);
    }

    @DeleteMapping("/v1/api-keys/{id}")
    @RequiredRole(Role.ADMIN)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key, at once on every node")
    @Raises(ApiKeyNotFoundException.class)
    ResponseEntity<Void> revoke(@PathVariable String id) {
        if (!store.revoke(CallerContext.organizationId(), id)) {
            throw new ApiKeyNotFoundException(id);
        }
        return ResponseEntity.noContent().build();
    }
}
