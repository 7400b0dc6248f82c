package io.billfold.api.customer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API fields that hold a customer's personal data, and what each shows once the customer is erased: the same
 * placeholders its events read as ({@link io.billfold.api.PersonalData#erasedAs()}). Read models and the event feed
 * scrub with them, so a replay after the erasure builds what the scrub left.
 */
public final class ErasedCustomer {

    public static final String PLACEHOLDER = "[erased]";

    /** A customer's personal fields, by API name. */
    public static final Map<String, Object> CUSTOMER_FIELDS = fields(
            "customer_name", PLACEHOLDER, "external_id", null, "email", null, "phone_number", null, "address", null,
            "ship_to_address", null, "tax_info", List.of(), "custom_data", null, "connector", null);

    /** A contact's personal fields, by API name. */
    public static final Map<String, Object> CONTACT_FIELDS = fields(
            "first_name", null, "last_name", null, "email", PLACEHOLDER, "phone_number", null, "label", null);

    /** A ledger entry's personal fields, by API name. */
    public static final Map<String, Object> ENTRY_FIELDS = fields("description", null, "metadata", Map.of());

    private ErasedCustomer() {
    }

    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(fields);
    }
}
