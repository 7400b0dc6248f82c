package io.billfold.api.contact;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of message a billing flow sends, to which contacts subscribe. */
public enum Communication {
    INVOICES, PAYMENT_RECEIPTS, PAYMENT_REMINDERS, CREDIT_NOTES, STATEMENTS, CONTRACTS, USAGE_ALERTS, WALLET_ALERTS;

    public String apiName() {
        return name().toLowerCase();
    }

    public static Optional<Communication> ofApiName(String name) {
        return Arrays.stream(values()).filter(type -> type.apiName().equals(name)).findFirst();
    }
}
