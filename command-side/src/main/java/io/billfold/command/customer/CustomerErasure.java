package io.billfold.command.customer;

/**
 * What erasing a customer changes besides its event, in the command's transaction: its data key is deleted for good,
 * and the command side's own records of its values are scrubbed.
 */
interface CustomerErasure {

    /** Erases the customer whose current values are given (null where it has none). */
    void erase(String organizationId, String customerId, String customerName, String email, String externalId);
}
