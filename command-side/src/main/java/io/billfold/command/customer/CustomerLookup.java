package io.billfold.command.customer;

/** What other features of the command side may ask about customers, from the command side's own tables. */
public interface CustomerLookup {

    /**
     * Fails unless the customer exists in the organization ({@code CustomerNotFoundException}) and is not archived
     * ({@code CustomerArchivedException}). Holds the customer's row until the transaction ends, so that it cannot be
     * archived meanwhile.
     */
    void requireLiveCustomer(String organizationId, String customerId);
}
