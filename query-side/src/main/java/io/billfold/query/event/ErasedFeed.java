package io.billfold.query.event;

import io.billfold.api.customer.ErasedCustomer;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Scrubs an erased customer out of the public events already in the feed: in every event about it, its contacts or
 * its wallets' entries, each personal field takes its placeholder ({@link ErasedCustomer}) and leaves
 * {@code previous_attributes}; ids, positions, types, times, amounts and actors stay. A replay after the erasure reads
 * the earlier events as placeholders and, scrubbed the same way at the erasure, builds the same bytes.
 */
final class ErasedFeed {

    /** An organization's feed rows whose body names a customer (its id as a JSON string); parameters {@link #named}. */
    static final String NAMING = "organization_id = ? and strpos(body, ?) > 0";

    private ErasedFeed() {
    }

    /** The parameters of {@link #NAMING}. */
    static Object[] named(String organizationId, String customerId) {
        return new Object[] {organizationId, '"' + customerId + '"'};
    }

    /** Rewrites the organization's feed rows that name the customer; answers how many changed. */
    static int scrub(JdbcTemplate jdbc, String organizationId, String customerId) {
        List<Object[]> changed = jdbc.query("select position, body from public_event where " + NAMING, (rs, row) -> {
            String body = rs.getString("body");
            String scrubbed = scrub(body, customerId);
            return scrubbed.equals(body) ? null : new Object[] {scrubbed, rs.getLong("position")};
        }, named(organizationId, customerId)).stream()
                .filter(row -> row != null).toList();
        jdbc.batchUpdate("update public_event set body = ? where position = ?", changed);
        return changed.size();
    }

    static String scrub(String json, String customerId) {
        ObjectNode body = (ObjectNode) EventJson.parse(json);
        String type = body.path("type").asString("");
        JsonNode data = body.path("data");
        if (!(data.get("object") instanceof ObjectNode object)) {
            return json;
        }
        Map<String, Object> fields;
        if (customerId.equals(object.path("id").asString(null)) && type.startsWith("customer.")) {
            fields = ErasedCustomer.CUSTOMER_FIELDS;
            erase(object, fields);
            object.path("contacts").forEach(contact -> erase((ObjectNode) contact, ErasedCustomer.CONTACT_FIELDS));
        } else if (customerId.equals(object.path("customer_id").asString(null)) && type.startsWith("contact.")) {
            fields = ErasedCustomer.CONTACT_FIELDS;
            erase(object, fields);
        } else if (customerId.equals(object.path("customer_id").asString(null))
                && type.equals("wallet.transaction.created")) {
            fields = ErasedCustomer.ENTRY_FIELDS;
            erase(object, fields);
        } else {
            return json;
        }
        if (data.get("previous_attributes") instanceof ObjectNode previous) {
            fields.keySet().forEach(previous::remove);
        }
        return EventJson.write(body);
    }

    /** Puts the placeholder of each personal field the object shows. */
    static void erase(ObjectNode object, Map<String, Object> fields) {
        fields.forEach((field, placeholder) -> {
            if (object.has(field)) {
                object.set(field, EventJson.tree(placeholder));
            }
        });
    }
}
