package io.billfold.api.event;

import java.util.List;

/**
 * The types of the public events (the event feed and webhooks), as the contract names them. Some are recorded by
 * features that come later (erasure); they are valid in filters and subscriptions already.
 */
public final class PublicEventTypes {

    public static final String CUSTOMER_CREATED = "customer.created";
    public static final String CUSTOMER_UPDATED = "customer.updated";
    public static final String CUSTOMER_ARCHIVED = "customer.archived";
    public static final String CUSTOMER_UNARCHIVED = "customer.unarchived";
    public static final String CUSTOMER_ERASED = "customer.erased";
    public static final String CONTACT_CREATED = "contact.created";
    public static final String CONTACT_UPDATED = "contact.updated";
    public static final String CONTACT_DELETED = "contact.deleted";
    public static final String WALLET_CREATED = "wallet.created";
    public static final String WALLET_UPDATED = "wallet.updated";
    public static final String WALLET_TRANSACTION_CREATED = "wallet.transaction.created";
    public static final String WALLET_BALANCE_LOW = "wallet.balance_low";
    public static final String WALLET_HOLD_CREATED = "wallet.hold.created";
    public static final String WALLET_HOLD_CAPTURED = "wallet.hold.captured";
    public static final String WALLET_HOLD_RELEASED = "wallet.hold.released";
    public static final String WALLET_HOLD_EXPIRED = "wallet.hold.expired";
    public static final String CUSTOMER_IMPORT_COMPLETED = "customer_import.completed";

    public static final List<String> ALL = List.of(CUSTOMER_CREATED, CUSTOMER_UPDATED, CUSTOMER_ARCHIVED,
            CUSTOMER_UNARCHIVED, "customer.erased", CONTACT_CREATED, CONTACT_UPDATED, CONTACT_DELETED, WALLET_CREATED,
            WALLET_UPDATED, WALLET_TRANSACTION_CREATED, WALLET_BALANCE_LOW, WALLET_HOLD_CREATED,
            WALLET_HOLD_CAPTURED, WALLET_HOLD_RELEASED, WALLET_HOLD_EXPIRED, CUSTOMER_IMPORT_COMPLETED);

    private PublicEventTypes() {
    }
}
