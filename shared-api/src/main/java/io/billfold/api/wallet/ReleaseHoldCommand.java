package io.billfold.api.wallet;

/** Release a hold: what it reserved is available again. */
public record ReleaseHoldCommand(String holdId, String organizationId, Long expectedVersion) {
}
