package io.billfold.platform.auth;

import io.billfold.api.error.FieldError;
import io.billfold.api.error.TextRule;
import io.billfold.api.error.ValidationFailedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

/** Creating organizations and issuing and revoking their API keys. */
@Service
class KeyManagement {

    private final ApiKeyStore store;

    KeyManagement(ApiKeyStore store) {
        this.store = store;
    }

    record NewOrganization(ApiKeyStore.Organization organization, String adminKey) {
    }

    record IssuedKey(ApiKeyStore.ApiKeyRecord key, String secret) {
    }

    @Transactional
    NewOrganization createOrganization(String name, String adminKey) {
        String validName = requireName(name, List.of());
        ApiKeyStore.Organization organization = store.createOrganization(validName);
        String secret = adminKey != null ? adminKey : ApiKeySecrets.newKey();
        store.createKey(organization.id(), "admin", Role.ADMIN, secret);
        return new NewOrganization(organization, secret);
    }

    @Transactional
    IssuedKey issueKey(String organizationId, String name, String roleName) {
        List<FieldError> errors = new ArrayList<>();
        Role role = roleName == null ? null : Role.ofApiName(roleName).orElse(null);
        if (role == null) {
            errors.add(new FieldError("role", roleName == null ? "required" : "invalid_value",
                    "must be one of admin, writer, reader"));
        }
        String validName = requireName(name, errors);
        String secret = ApiKeySecrets.newKey();
        return new IssuedKey(store.createKey(organizationId, validName, role, secret), secret);
    }

    private static String requireName(String name, List<FieldError> errors) {
        String trimmed = name == null ? "" : name.strip();
        List<FieldError> all = new ArrayList<>(errors);
        TextRule.Violation violation = TextRule.violation(trimmed);
        if (violation != null) {
            all.add(new FieldError("name", violation == TextRule.Violation.BLANK ? "required" : "invalid_value",
                    "must be 1 to " + TextRule.MAX_LENGTH + " characters, without control characters"));
        }
        if (!all.isEmpty()) {
            throw new ValidationFailedException(all);
        }
        return trimmed;
    }
}
