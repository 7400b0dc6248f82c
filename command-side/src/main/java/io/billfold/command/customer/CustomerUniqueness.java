package io.billfold.command.customer;

/**
 * The set-based rules of customers: within an organization, no two live customers share an email (case-insensitive)
 * or an external_id. Claims are rows with unique constraints written in the same transaction as the customer's
 * events, so two racing commands cannot both win.
 */
interface CustomerUniqueness {

    /** Takes the email for this customer; fails with {@code EmailAlreadyInUseException} when another holds it. */
    default void claimEmail(String organizationId, String customerId, String email) {
        claim(organizationId, customerId, email, null);
    }

    /** Takes the external_id; fails with {@code ExternalIdAlreadyInUseException} when another customer holds it. */
    default void claimExternalId(String organizationId, String customerId, String externalId) {
        claim(organizationId, customerId, null, externalId);
    }

    /**
     * Takes a customer's email and external_id at once (either may be null), as one claim: fails with
     * {@code EmailAlreadyInUseException} when another holds the email, else with {@code ExternalIdAlreadyInUseException}
     * when another holds the external_id.
     */
    void claim(String organizationId, String customerId, String email, String externalId);

    void releaseEmail(String organizationId, String customerId, String email);

    void releaseExternalId(String organizationId, String customerId, String externalId);
}
