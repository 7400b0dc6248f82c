package io.billfold.command.customer;

import io.billfold.api.customer.EmailAlreadyInUseException;
import io.billfold.api.customer.ExternalIdAlreadyInUseException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An in-memory {@link CustomerUniqueness}: one holder per (organization, kind, value), emails compared
 * case-insensitively, like the {@code customer_claim} table of {@link JdbcCustomerUniqueness}.
 */
final class InMemoryCustomerUniqueness implements CustomerUniqueness {

    record Key(String organizationId, String kind, String value) {
    }

    private final Map<Key, String> holders = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    static Key email(String organizationId, String email) {
        return new Key(organizationId, "email", email.toLowerCase(Locale.ROOT));
    }

    static Key externalId(String organizationId, String externalId) {
        return new Key(organizationId, "external_id", externalId);
    }

    /** Like the table's single statement: both values are looked at before either is taken. */
    @Override
    public void claim(String organizationId, String customerId, String email, String externalId) {
        calls.add("claim " + email + " " + externalId);
        if (email != null && !free(email(organizationId, email), customerId)) {
            throw new EmailAlreadyInUseException(email);
        }
        if (externalId != null && !free(externalId(organizationId, externalId), customerId)) {
            throw new ExternalIdAlreadyInUseException(externalId);
        }
        if (email != null) {
            holders.put(email(organizationId, email), customerId);
        }
        if (externalId != null) {
            holders.put(externalId(organizationId, externalId), customerId);
        }
    }

    private boolean free(Key key, String customerId) {
        String holder = holders.get(key);
        return holder == null || holder.equals(customerId);
    }

    @Override
    public void releaseEmail(String organizationId, String customerId, String email) {
        calls.add("releaseEmail " + email);
        holders.remove(email(organizationId, email), customerId);
    }

    @Override
    public void releaseExternalId(String organizationId, String customerId, String externalId) {
        calls.add("releaseExternalId " + externalId);
        holders.remove(externalId(organizationId, externalId), customerId);
    }

    String emailHolder(String organizationId, String email) {
        return holders.get(email(organizationId, email));
    }

    String externalIdHolder(String organizationId, String externalId) {
        return holders.get(externalId(organizationId, externalId));
    }

    Map<Key, String> claims() {
        return Map.copyOf(holders);
    }

    /** Every call made since the last {@link #forgetCalls()}, e.g. {@code "releaseEmail a@b.example"}. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    void forgetCalls() {
        calls.clear();
    }

    /** Drops every claim, as when the customer's archive released them. */
    void clear() {
        holders.clear();
        calls.clear();
    }
}
