package io.billfold.command.wallet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.billfold.api.wallet.Amounts;
import io.billfold.api.wallet.GrantAmount;
import io.billfold.api.wallet.HoldResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An active hold of a wallet: what it reserves on which grants, in the order debits consume them. Holds that are no
 * longer active are not kept: they answer as not active, and their history is in the events and the read model.
 * Its fields are what a wallet snapshot stores.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class Hold {

    private String holdId;
    private long amountMinor;
    private String reference;
    private String description;
    private Instant expiresAt;
    private Instant createdAt;
    private List<GrantAmount> reservations;

    Hold() {
    }

    Hold(String holdId, long amountMinor, String reference, String description, Instant expiresAt, Instant createdAt,
         List<GrantAmount> reservations) {
        this.holdId = holdId;
        this.amountMinor = amountMinor;
        this.reference = reference;
        this.description = description;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
        this.reservations = new ArrayList<>(reservations);
    }

    long amountMinor() {
        return amountMinor;
    }

    List<GrantAmount> reservations() {
        return List.copyOf(reservations);
    }

    /** The first {@code amountMinor} of what the hold reserves, grant by grant, in reservation order. */
    List<GrantAmount> firstOf(long amountMinor) {
        List<GrantAmount> taken = new ArrayList<>();
        long left = amountMinor;
        for (GrantAmount reservation : reservations) {
            if (left == 0) {
                break;
            }
            long part = Math.min(left, reservation.amountMinor());
            taken.add(new GrantAmount(reservation.grantId(), part));
            left -= part;
        }
        return taken;
    }

    /** Removes what a capture took from the reservations; the rest is what the capture releases. */
    void consumed(List<GrantAmount> taken) {
        for (GrantAmount part : taken) {
            for (int i = 0; i < reservations.size(); i++) {
                GrantAmount reservation = reservations.get(i);
                if (reservation.grantId().equals(part.grantId())) {
                    long left = reservation.amountMinor() - part.amountMinor();
                    if (left == 0) {
                        reservations.remove(i);
                    } else {
                        reservations.set(i, new GrantAmount(reservation.grantId(), left));
                    }
                    break;
                }
            }
        }
        amountMinor -= taken.stream().mapToLong(GrantAmount::amountMinor).sum();
    }

    HoldResponse toResponse(String walletId, String customerId, String currency, long originalMinor, String status,
                            Long capturedMinor, String captureTransactionId, Instant updatedAt) {
        return new HoldResponse(holdId, walletId, customerId, Amounts.format(originalMinor, currency), currency, status,
                reference, description, capturedMinor == null ? null : Amounts.format(capturedMinor, currency),
                captureTransactionId, expiresAt, createdAt, updatedAt);
    }

    /** Compared by value: a wallet's state sourced from its events equals the state its commands left. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Hold other && Objects.equals(holdId, other.holdId) && Objects.equals(amountMinor, other.amountMinor) && Objects.equals(reference, other.reference) && Objects.equals(description, other.description) && Objects.equals(expiresAt, other.expiresAt) && Objects.equals(createdAt, other.createdAt) && Objects.equals(reservations, other.reservations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(holdId, amountMinor, reference, description, expiresAt, createdAt, reservations);
    }
}
