package io.billfold.command;

/** What other features of the command side may ask about customers, from the command side's own tables. */
public interface CustomerLookup {

    /**
     * Fails unless the customer exists in the organization ({@code CustomerNotFoundException}) and is not archived
     * ({@code CustomerArchivedException}), as committed when the statement runs. A command that holds the lock of an
     * aggregate an archiving locks too (a customer's wallets) needs no more.
     */
    void requireLiveCustomer(String organizationId, String customerId);

    /**
     * As {@link #requireLiveCustomer}, and holds the customer's row until the transaction ends, so that it cannot be
     * archived meanwhile.
     */
    void holdLiveCustomer(String organizationId, String customerId);
}
