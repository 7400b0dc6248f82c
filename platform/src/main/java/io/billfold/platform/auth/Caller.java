package io.billfold.platform.auth;

/**
 * Who is calling: an API key of one organization with its role, or the platform operator (no organization, no
 * role). Every command and query is scoped by {@link #organizationId()}, which comes from the key and never from
 * the request.
 */
public record Caller(String organizationId, String keyId, String keyName, Role role, boolean operator) {

    static Caller operatorCaller() {
        return new Caller(null, "operator", "platform operator", null, true);
    }

    public boolean hasRole(Role required) {
        return role != null && role.includes(required);
    }
}
