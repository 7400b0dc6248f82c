package io.billfold.api.wallet;

/** One hold of an organization. */
public record FindHoldQuery(String organizationId, String holdId) {
}
