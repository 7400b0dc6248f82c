package io.billfold.command.wallet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A grant of a wallet: what remains of one credit (or of one grant a transfer brought), part of which active holds may
 * reserve. Only grants with something left are kept. Its fields are what a wallet snapshot stores.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class Grant {

    /** Soonest-expiring first, grants without expiry last, oldest first among equals. */
    static final Comparator<Grant> CONSUMPTION_ORDER = Comparator
            .comparing((Grant grant) -> grant.expiresAt == null ? Instant.MAX : grant.expiresAt)
            .thenComparingLong(grant -> grant.order);

    private String grantId;
    /** Null: never expires. */
    private Instant expiresAt;
    /** The wallet's count of grants when this one was made: its age among the wallet's grants. */
    private long order;
    /** Minor units left, reserved ones included. */
    private long remainingMinor;
    /** Minor units of {@link #remainingMinor} that active holds reserve. */
    private long reservedMinor;

    Grant() {
    }

    Grant(String grantId, Instant expiresAt, long order, long amountMinor) {
        this.grantId = grantId;
        this.expiresAt = expiresAt;
        this.order = order;
        this.remainingMinor = amountMinor;
    }

    String grantId() {
        return grantId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    long remainingMinor() {
        return remainingMinor;
    }

    long reservedMinor() {
        return reservedMinor;
    }

    /** What debits and holds may still take. */
    long freeMinor() {
        return remainingMinor - reservedMinor;
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    void take(long amountMinor) {
        remainingMinor -= amountMinor;
    }

    void reserve(long amountMinor) {
        reservedMinor += amountMinor;
    }

    void unreserve(long amountMinor) {
        reservedMinor -= amountMinor;
    }

    boolean usedUp() {
        return remainingMinor == 0;
    }

    /** Compared by value: a wallet's state sourced from its events equals the state its commands left. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Grant other && Objects.equals(grantId, other.grantId) && Objects.equals(expiresAt, other.expiresAt) && Objects.equals(order, other.order) && Objects.equals(remainingMinor, other.remainingMinor) && Objects.equals(reservedMinor, other.reservedMinor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(grantId, expiresAt, order, remainingMinor, reservedMinor);
    }
}
