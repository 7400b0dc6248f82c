package io.billfold.api.customer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a customer (API names) that an event sets, with their new values, as the event feed applies them to
 * the customer it shows (and any read model may). {@code custom_data} is JSON text. Empty for events that set none
 * of the customer's own fields (contacts).
 */
public final class CustomerFields {

    private CustomerFields() {
    }

    public static Map<String, Object> setBy(Object event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (event instanceof CustomerCreatedEvent e) {
            CustomerDetails details = e.details();
            fields.put("customer_name", details.customerName());
            fields.put("external_id", details.externalId());
            fields.put("email", details.email());
            fields.put("phone_number", details.phoneNumber());
            fields.put("address", details.address());
            fields.put("ship_to_address", details.shipToAddress());
            fields.put("tax_info", details.taxInfo());
            fields.put("custom_data", details.customData());
            fields.put("tax_exempt", e.taxExempt());
            fields.put("communications_enabled", details.communicationsEnabled());
            fields.put("auto_charge_enabled", details.autoChargeEnabled());
            fields.put("business_entity_id", details.businessEntityId());
            fields.put("connector", details.connector());
            fields.put("parent_customer_id", e.parentCustomerId());
        } else if (event instanceof CustomerRenamedEvent e) {
            fields.put("customer_name", e.customerName());
        } else if (event instanceof CustomerEmailChangedEvent e) {
            fields.put("email", e.email());
        } else if (event instanceof CustomerExternalIdChangedEvent e) {
            fields.put("external_id", e.externalId());
        } else if (event instanceof CustomerPhoneNumberChangedEvent e) {
            fields.put("phone_number", e.phoneNumber());
        } else if (event instanceof CustomerBillingAddressChangedEvent e) {
            fields.put("address", e.address());
        } else if (event instanceof CustomerShippingAddressChangedEvent e) {
            fields.put("ship_to_address", e.shipToAddress());
        } else if (event instanceof CustomerTaxInfoChangedEvent e) {
            fields.put("tax_info", e.taxInfo());
        } else if (event instanceof CustomerCustomDataChangedEvent e) {
            fields.put("custom_data", e.customData());
            fields.put("tax_exempt", e.taxExempt());
        } else if (event instanceof CustomerCommunicationsChangedEvent e) {
            fields.put("communications_enabled", e.communicationsEnabled());
        } else if (event instanceof CustomerAutoChargeChangedEvent e) {
            fields.put("auto_charge_enabled", e.autoChargeEnabled());
        } else if (event instanceof CustomerBusinessEntityChangedEvent e) {
            fields.put("business_entity_id", e.businessEntityId());
        } else if (event instanceof CustomerConnectorChangedEvent e) {
            fields.put("connector", e.connector());
        } else if (event instanceof CustomerParentChangedEvent e) {
            fields.put("parent_customer_id", e.parentCustomerId());
        } else if (event instanceof CustomerArchivedEvent) {
            fields.put("archived", true);
        } else if (event instanceof CustomerUnarchivedEvent) {
            fields.put("archived", false);
        }
        return fields;
    }
}
