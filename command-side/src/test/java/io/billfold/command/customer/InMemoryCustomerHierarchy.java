package io.billfold.command.customer;

import io.billfold.api.customer.CustomerHasChildrenException;
import io.billfold.api.customer.HierarchyCycleException;
import io.billfold.api.customer.HierarchyTooDeepException;
import io.billfold.api.customer.ParentCustomerArchivedException;
import io.billfold.api.customer.ParentCustomerNotFoundException;
import io.billfold.api.customer.TooManyChildrenException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An in-memory {@link CustomerHierarchy} with the rules of {@link JdbcCustomerHierarchy}, one node per row of its
 * {@code customer_hierarchy} table. Like the table's updates, changing or archiving an unknown customer changes
 * nothing; unlike the table, a failed call is not rolled back (no call changes anything before its checks pass).
 */
final class InMemoryCustomerHierarchy implements CustomerHierarchy {

    /** Mirrors the recursion guard of the SQL queries. */
    private static final int RECURSION_GUARD = 64;

    private record Node(String organizationId, String parentCustomerId, boolean archived) {
    }

    private final Map<String, Node> nodes = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    /** Records a live customer as its creation would have, without checking any rule. */
    void seed(String organizationId, String customerId, String parentCustomerId) {
        nodes.put(customerId, new Node(organizationId, parentCustomerId, false));
    }

    /** Records an archived customer, without checking any rule. */
    void seedArchived(String organizationId, String customerId, String parentCustomerId) {
        nodes.put(customerId, new Node(organizationId, parentCustomerId, true));
    }

    /**
     * Seeds a chain of {@code levels} customers, {@code prefix}1 at the top down to {@code prefix}{@code levels},
     * and returns the id of the deepest.
     */
    String seedChain(String organizationId, String prefix, int levels) {
        String parent = null;
        for (int level = 1; level <= levels; level++) {
            seed(organizationId, prefix + level, parent);
            parent = prefix + level;
        }
        return parent;
    }

    boolean contains(String customerId) {
        return nodes.containsKey(customerId);
    }

    String parentOf(String customerId) {
        return node(customerId).parentCustomerId();
    }

    boolean isArchived(String customerId) {
        return node(customerId).archived();
    }

    /** Every call made so far, e.g. {@code "changeParent cus_1 cus_2"}. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void register(String organizationId, String customerId, String parentCustomerId) {
        calls.add("register " + customerId + " " + parentCustomerId);
        if (parentCustomerId != null) {
            checkParent(organizationId, customerId, parentCustomerId, 1);
        }
        if (nodes.containsKey(customerId)) {
            throw new IllegalStateException("duplicate key customer_hierarchy.customer_id " + customerId);
        }
        seed(organizationId, customerId, parentCustomerId);
    }

    @Override
    public void changeParent(String organizationId, String customerId, String parentCustomerId) {
        calls.add("changeParent " + customerId + " " + parentCustomerId);
        if (parentCustomerId != null) {
            checkParent(organizationId, customerId, parentCustomerId, subtreeLevels(customerId));
        }
        nodes.computeIfPresent(customerId,
                (id, node) -> new Node(node.organizationId(), parentCustomerId, node.archived()));
    }

    @Override
    public void archive(String organizationId, String customerId) {
        calls.add("archive " + customerId);
        boolean hasLiveChildren = nodes.values().stream()
                .anyMatch(node -> customerId.equals(node.parentCustomerId()) && !node.archived());
        if (hasLiveChildren) {
            throw new CustomerHasChildrenException(customerId);
        }
        setArchived(customerId, true);
    }

    @Override
    public void unarchive(String organizationId, String customerId) {
        calls.add("unarchive " + customerId);
        Node node = nodes.get(customerId);
        if (node != null && node.parentCustomerId() != null) {
            checkParent(organizationId, customerId, node.parentCustomerId(), subtreeLevels(customerId));
        }
        setArchived(customerId, false);
    }

    private void setArchived(String customerId, boolean archived) {
        nodes.computeIfPresent(customerId,
                (id, node) -> new Node(node.organizationId(), node.parentCustomerId(), archived));
    }

    private void checkParent(String organizationId, String customerId, String parentCustomerId, int subtreeLevels) {
        Node parent = nodes.get(parentCustomerId);
        if (parent == null || !parent.organizationId().equals(organizationId)) {
            throw new ParentCustomerNotFoundException(parentCustomerId);
        }
        if (parent.archived()) {
            throw new ParentCustomerArchivedException(parentCustomerId);
        }
        List<String> parentAndAncestors = parentAndAncestors(parentCustomerId);
        if (parentAndAncestors.contains(customerId)) {
            throw new HierarchyCycleException(customerId, parentCustomerId);
        }
        if (parentAndAncestors.size() + subtreeLevels > MAX_LEVELS) {
            throw new HierarchyTooDeepException(MAX_LEVELS);
        }
        long liveChildren = nodes.entrySet().stream()
                .filter(entry -> parentCustomerId.equals(entry.getValue().parentCustomerId()))
                .filter(entry -> !entry.getValue().archived() && !entry.getKey().equals(customerId))
                .count();
        if (liveChildren >= MAX_CHILDREN) {
            throw new TooManyChildrenException(parentCustomerId, MAX_CHILDREN);
        }
    }

    /** The parent and, upwards, every ancestor recorded, as the recursive {@code up} query lists them. */
    private List<String> parentAndAncestors(String parentCustomerId) {
        List<String> chain = new ArrayList<>();
        String current = parentCustomerId;
        while (current != null && nodes.containsKey(current) && chain.size() < RECURSION_GUARD) {
            chain.add(current);
            current = nodes.get(current).parentCustomerId();
        }
        return chain;
    }

    /** The levels of the subtree under and including the customer: 1 for a customer without children. */
    private int subtreeLevels(String customerId) {
        int levels = 1;
        List<String> deepest = List.of(customerId);
        while (levels < RECURSION_GUARD) {
            List<String> above = deepest;
            List<String> below = nodes.entrySet().stream()
                    .filter(entry -> entry.getValue().parentCustomerId() != null
                            && above.contains(entry.getValue().parentCustomerId()))
                    .map(Map.Entry::getKey)
                    .toList();
            if (below.isEmpty()) {
                return levels;
            }
            levels++;
            deepest = below;
        }
        return levels;
    }

    private Node node(String customerId) {
        return Objects.requireNonNull(nodes.get(customerId), () -> "no customer " + customerId + " in the hierarchy");
    }
}
