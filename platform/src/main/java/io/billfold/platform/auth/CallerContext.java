package io.billfold.platform.auth;

import io.billfold.api.MetadataKeys;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The caller and request of the work running on this thread: set around each HTTP request by the authentication
 * filter, and around background work (imports) that acts on behalf of a caller.
 */
public final class CallerContext {

    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();

    private CallerContext() {
    }

    /** The caller, request id and idempotency key (may be null) of the work on this thread. */
    public record Current(Caller caller, String requestId, String idempotencyKey) {

        /** The metadata every command sent on behalf of this caller carries, and its events inherit. */
        public Map<String, Object> metadata() {
            Map<String, Object> metadata = new HashMap<>();
            if (caller.organizationId() != null) {
                metadata.put(MetadataKeys.ORGANIZATION_ID, caller.organizationId());
            }
            metadata.put(MetadataKeys.ACTOR_ID, caller.keyId());
            metadata.put(MetadataKeys.ACTOR_NAME, caller.keyName());
            metadata.put(MetadataKeys.REQUEST_ID, requestId);
            if (idempotencyKey != null) {
                metadata.put(MetadataKeys.IDEMPOTENCY_KEY, idempotencyKey);
            }
            return metadata;
        }
    }

    public static Optional<Current> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The organization of the current caller; fails when there is none (operator or no caller). */
    public static String organizationId() {
        return current().map(c -> c.caller().organizationId())
                .orElseThrow(() -> new IllegalStateException("No organization caller on this thread"));
    }

    /** Runs the work of this thread as {@code current} until the returned scope is closed. */
    public static Scope open(Current current) {
        Current previous = CURRENT.get();
        CURRENT.set(current);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** A caller scope; closing it restores what this thread ran as before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
