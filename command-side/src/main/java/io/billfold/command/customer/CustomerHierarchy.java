package io.billfold.command.customer;

/**
 * The set-based rules of the customer hierarchy: a parent of the same organization that is not archived, no cycles,
 * at most {@link #MAX_LEVELS} levels, at most {@link #MAX_CHILDREN} live children per parent, and no archiving of a
 * customer with live children. Checked and recorded in the transaction of the event, serialised per organization.
 */
interface CustomerHierarchy {

    int MAX_LEVELS = 5;
    int MAX_CHILDREN = 250;

    /** Records a new customer, under {@code parentCustomerId} when it is not null. */
    void register(String organizationId, String customerId, String parentCustomerId);

    /** Moves a customer under another parent, or to the top (null). */
    void changeParent(String organizationId, String customerId, String parentCustomerId);

    /** Marks a customer archived; fails with {@code CustomerHasChildrenException} while it has live children. */
    void archive(String organizationId, String customerId);

    /** Marks a customer live again; its parent, if any, must allow it as {@link #changeParent} would. */
    void unarchive(String organizationId, String customerId);
}
