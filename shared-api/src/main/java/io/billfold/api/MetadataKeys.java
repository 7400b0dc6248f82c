package io.billfold.api;

/**
 * Keys of the metadata every command carries and every event inherits from it: who sent it, for which organization,
 * in which request. Part of the event contract, so both sides read the same names.
 */
public final class MetadataKeys {

    public static final String ORGANIZATION_ID = "organization_id";
    public static final String ACTOR_ID = "actor_id";
    public static final String ACTOR_NAME = "actor_name";
    public static final String REQUEST_ID = "request_id";
    public static final String IDEMPOTENCY_KEY = "idempotency_key";

    private MetadataKeys() {
    }
}
