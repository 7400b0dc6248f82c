package io.billfold.command.customer;

import io.billfold.api.customer.CustomerArchivedException;
import io.billfold.api.customer.CustomerHasChildrenException;
import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.api.customer.HierarchyCycleException;
import io.billfold.api.customer.HierarchyTooDeepException;
import io.billfold.api.customer.ParentCustomerArchivedException;
import io.billfold.api.customer.ParentCustomerNotFoundException;
import io.billfold.api.customer.TooManyChildrenException;
import io.billfold.command.CustomerLookup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The hierarchy in {@code customer_hierarchy}, which also answers whether a customer exists and is live. Every change that could break a rule first takes the organization's
 * hierarchy lock (a transaction-scoped advisory lock), so two racing re-parentings are checked one after the other
 * and can never together create a cycle or a hierarchy too deep.
 */
@Component
class JdbcCustomerHierarchy implements CustomerHierarchy, CustomerLookup {

    /** Far above MAX_LEVELS: bounds the recursive queries even if the table were ever corrupted. */
    private static final int RECURSION_GUARD = 64;

    private final JdbcTemplate jdbc;

    JdbcCustomerHierarchy(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(String organizationId, String customerId, String parentCustomerId) {
        if (parentCustomerId != null) {
            lock(organizationId);
            checkParent(organizationId, customerId, parentCustomerId, 1);
        }
        jdbc.update("insert into customer_hierarchy (customer_id, organization_id, parent_customer_id) values (?, ?, ?)",
                customerId, organizationId, parentCustomerId);
    }

    @Override
    public void changeParent(String organizationId, String customerId, String parentCustomerId) {
        lock(organizationId);
        if (parentCustomerId != null) {
            checkParent(organizationId, customerId, parentCustomerId, subtreeLevels(customerId));
        }
        jdbc.update("update customer_hierarchy set parent_customer_id = ? where customer_id = ?",
                parentCustomerId, customerId);
    }

    @Override
    public void archive(String organizationId, String customerId) {
        lock(organizationId);
        Boolean hasLiveChildren = jdbc.queryForObject(
                "select exists (select 1 from customer_hierarchy where parent_customer_id = ? and not archived)",
                Boolean.class, customerId);
        if (Boolean.TRUE.equals(hasLiveChildren)) {
            throw new CustomerHasChildrenException(customerId);
        }
        jdbc.update("update customer_hierarchy set archived = true where customer_id = ?", customerId);
    }

    /** A customer comes back only where it could be attached now: under a live parent with room for it. */
    @Override
    public void unarchive(String organizationId, String customerId) {
        lock(organizationId);
        String parentCustomerId = jdbc.queryForObject(
                "select parent_customer_id from customer_hierarchy where customer_id = ?", String.class, customerId);
        if (parentCustomerId != null) {
            checkParent(organizationId, customerId, parentCustomerId, subtreeLevels(customerId));
        }
        jdbc.update("update customer_hierarchy set archived = false where customer_id = ?", customerId);
    }

    @Override
    public void requireLiveCustomer(String organizationId, String customerId) {
        requireLive(organizationId, customerId, "");
    }

    @Override
    public void holdLiveCustomer(String organizationId, String customerId) {
        requireLive(organizationId, customerId, " for share");
    }

    private void requireLive(String organizationId, String customerId, String lock) {
        List<Boolean> archived = jdbc.queryForList(
                "select archived from customer_hierarchy where customer_id = ? and organization_id = ?" + lock,
                Boolean.class, customerId, organizationId);
        if (archived.isEmpty()) {
            throw new CustomerNotFoundException(customerId);
        }
        if (archived.get(0)) {
            throw new CustomerArchivedException(customerId);
        }
    }

    private void lock(String organizationId) {
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtextextended(?, 0))", Object.class,
                "customer_hierarchy:" + organizationId);
    }

    /** Whether {@code customerId}, with {@code subtreeLevels} levels below and including it, may hang under the parent. */
    private void checkParent(String organizationId, String customerId, String parentCustomerId, int subtreeLevels) {
        List<Map<String, Object>> parent = jdbc.queryForList(
                "select archived from customer_hierarchy where customer_id = ? and organization_id = ?",
                parentCustomerId, organizationId);
        if (parent.isEmpty()) {
            throw new ParentCustomerNotFoundException(parentCustomerId);
        }
        if (Boolean.TRUE.equals(parent.get(0).get("archived"))) {
            throw new ParentCustomerArchivedException(parentCustomerId);
        }
        List<String> parentAndAncestors = jdbc.queryForList("""
                with recursive up (customer_id, parent_customer_id, level) as (
                    select customer_id, parent_customer_id, 1 from customer_hierarchy where customer_id = ?
                    union all
                    select h.customer_id, h.parent_customer_id, up.level + 1
                      from customer_hierarchy h join up on h.customer_id = up.parent_customer_id
                     where up.level < ?)
                select customer_id from up
                """, String.class, parentCustomerId, RECURSION_GUARD);
        if (parentAndAncestors.contains(customerId)) {
            throw new HierarchyCycleException(customerId, parentCustomerId);
        }
        if (parentAndAncestors.size() + subtreeLevels > MAX_LEVELS) {
            throw new HierarchyTooDeepException(MAX_LEVELS);
        }
        Integer liveChildren = jdbc.queryForObject("""
                select count(*) from customer_hierarchy
                 where parent_customer_id = ? and not archived and customer_id <> ?
                """, Integer.class, parentCustomerId, customerId);
        if (liveChildren != null && liveChildren >= MAX_CHILDREN) {
            throw new TooManyChildrenException(parentCustomerId, MAX_CHILDREN);
        }
    }

    /** The levels of the subtree under and including the customer: 1 for a customer without children. */
    private int subtreeLevels(String customerId) {
        Integer levels = jdbc.queryForObject("""
                with recursive down (customer_id, level) as (
                    select cast(? as text), 1
                    union all
                    select h.customer_id, down.level + 1
                      from customer_hierarchy h join down on h.parent_customer_id = down.customer_id
                     where down.level < ?)
                select max(level) from down
                """, Integer.class, customerId, RECURSION_GUARD);
        return levels == null ? 1 : levels;
    }
}
