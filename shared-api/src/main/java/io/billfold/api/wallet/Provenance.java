package io.billfold.api.wallet;

import io.billfold.api.Actor;
import io.billfold.api.MetadataKeys;

import java.time.Instant;
import java.util.Map;

/**
 * Where a ledger entry came from: who made it, through which request (and idempotency key), and when. Read from the
 * metadata the entry's event inherited from its command ({@link MetadataKeys}).
 */
public record Provenance(Actor actor, String idempotencyKey, String requestId, Instant occurredAt) {

    public static Provenance of(Map<String, ?> metaData, Instant occurredAt) {
        return new Provenance(Actor.of(metaData), (String) metaData.get(MetadataKeys.IDEMPOTENCY_KEY),
                (String) metaData.get(MetadataKeys.REQUEST_ID), occurredAt);
    }
}
