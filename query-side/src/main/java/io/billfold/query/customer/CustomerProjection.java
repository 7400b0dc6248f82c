package io.billfold.query.customer;

import io.billfold.api.MetadataKeys;
import io.billfold.api.contact.ContactAddedEvent;
import io.billfold.api.contact.ContactDetails;
import io.billfold.api.contact.ContactRemovedEvent;
import io.billfold.api.contact.ContactUpdatedEvent;
import io.billfold.api.customer.CustomerArchivedEvent;
import io.billfold.api.customer.CustomerAutoChargeChangedEvent;
import io.billfold.api.customer.CustomerBillingAddressChangedEvent;
import io.billfold.api.customer.CustomerBusinessEntityChangedEvent;
import io.billfold.api.customer.CustomerCommunicationsChangedEvent;
import io.billfold.api.customer.CustomerConnectorChangedEvent;
import io.billfold.api.customer.CustomerCreatedEvent;
import io.billfold.api.customer.CustomerCustomDataChangedEvent;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.api.customer.CustomerEmailChangedEvent;
import io.billfold.api.customer.CustomerErasedEvent;
import io.billfold.api.customer.CustomerExternalIdChangedEvent;
import io.billfold.api.customer.CustomerParentChangedEvent;
import io.billfold.api.customer.CustomerPhoneNumberChangedEvent;
import io.billfold.api.customer.CustomerRenamedEvent;
import io.billfold.api.customer.CustomerShippingAddressChangedEvent;
import io.billfold.api.customer.CustomerTaxInfoChangedEvent;
import io.billfold.api.customer.CustomerUnarchivedEvent;
import io.billfold.api.customer.ErasedCustomer;
import io.billfold.api.customer.FieldChange;
import io.billfold.projection.ReadModel;
import io.billfold.projection.write.BatchedWrites;
import io.billfold.projection.write.BulkStatement;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code customer_view} and {@code customer_history}. Idempotent: an event whose customer row already has
 * its version (or later) changes nothing, so a redelivered event is harmless. Writes wait for the end of the
 * processor's batch where they can ({@link BatchedWrites}); every handler that reads the read model flushes first.
 */
@Component
@ProcessingGroup(CustomerProjection.PROCESSING_GROUP)
class CustomerProjection implements ReadModel {

    static final String PROCESSING_GROUP = "customers";

    /** A read-model column: the API field it shows and the SQL of its current value as JSON text. */
    private enum Column {
        CUSTOMER_NAME("customer_name", "customer_name", false),
        EXTERNAL_ID("external_id", "external_id", false),
        EMAIL("email", "email", false),
        PHONE_NUMBER("phone_number", "phone_number", false),
        ADDRESS("address", "address", true),
        SHIP_TO_ADDRESS("ship_to_address", "ship_to_address", true),
        TAX_INFO("tax_info", "tax_info", true),
        CUSTOM_DATA("custom_data", "custom_data", false),
        TAX_EXEMPT("tax_exempt", "tax_exempt", false),
        COMMUNICATIONS_ENABLED("communications_enabled", "communications_enabled", false),
        AUTO_CHARGE_ENABLED("auto_charge_enabled", "auto_charge_enabled", false),
        BUSINESS_ENTITY_ID("business_entity_id", "business_entity_id", false),
        CONNECTOR("connector", "connector", true),
        PARENT_CUSTOMER_ID("parent_customer_id", "parent_customer_id", false),
        ARCHIVED("archived", "archived", false);

        final String field;
        final String column;
        final boolean jsonb;

        Column(String field, String column, boolean jsonb) {
            this.field = field;
            this.column = column;
            this.jsonb = jsonb;
        }

        String currentJsonSql() {
            return this == CUSTOM_DATA ? column : "to_jsonb(" + column + ")::text";
        }

        String assignmentSql() {
            return column + (jsonb ? " = ?::jsonb" : " = ?");
        }

        Object sqlValue(Object value) {
            return jsonb ? CustomerJson.write(value) : value;
        }

        String jsonOf(Object value) {
            return this == CUSTOM_DATA ? (String) value : CustomerJson.write(value);
        }
    }

    private static final BulkStatement CUSTOMERS = BulkStatement.of("""
            insert into customer_view (customer_id, organization_id, customer_name, external_id, email, phone_number,
                address, ship_to_address, tax_info, custom_data, tax_exempt, communications_enabled,
                auto_charge_enabled, business_entity_id, connector, parent_customer_id, created_at, updated_at, version)
            select c.customer_id, c.organization_id, c.customer_name, c.external_id, c.email, c.phone_number,
                   c.address::jsonb, c.ship_to_address::jsonb, c.tax_info::jsonb, c.custom_data, c.tax_exempt,
                   c.communications_enabled, c.auto_charge_enabled, c.business_entity_id, c.connector::jsonb,
                   c.parent_customer_id, c.created_at::timestamptz, c.created_at::timestamptz, c.version
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::text[], ?::bool[], ?::bool[], ?::bool[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::int8[])
                   as c(customer_id, organization_id, customer_name, external_id, email, phone_number, address,
                        ship_to_address, tax_info, custom_data, tax_exempt, communications_enabled,
                        auto_charge_enabled, business_entity_id, connector, parent_customer_id, created_at, version)
            on conflict (customer_id) do nothing
            """, "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "bool", "bool",
            "bool", "text", "text", "text", "text", "int8");

    private static final BulkStatement HISTORY = BulkStatement.of("""
            insert into customer_history (event_id, customer_id, organization_id, sequence, occurred_at, actor_id,
                actor_name, change, fields)
            select h.event_id, h.customer_id, h.organization_id, h.sequence, h.occurred_at::timestamptz, h.actor_id,
                   h.actor_name, h.change, h.fields::jsonb
              from unnest(?::text[], ?::text[], ?::text[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[])
                   as h(event_id, customer_id, organization_id, sequence, occurred_at, actor_id, actor_name, change,
                        fields)
            on conflict do nothing
            """, "text", "text", "text", "int8", "text", "text", "text", "text", "text");

    /**
     * A JDBC batch of one key each, not one statement over an array of keys: without statistics on the table (before
     * its first analyze, or wherever autovacuum is off) PostgreSQL estimates each key of an array at 0.5% of the rows
     * and scans the whole table for 50 of them, while a single key stays an index scan.
     */
    private static final String RECIPIENTS_REMOVED = "delete from customer_recipient where customer_id = ?";

    /**
     * Which contacts receive which kind of message, for the customers of a batch (each listed once, however often it
     * is queued): each contact for the kinds it subscribes to; nobody while the customer's communications are
     * disabled. The customer's own email (as {@code to} for every kind) is not stored: queries take it from
     * {@code customer_view}, so creating, renaming or re-addressing a customer writes no recipients at all.
     */
    private static final BulkStatement RECIPIENTS = BulkStatement.of("""
            insert into customer_recipient (customer_id, organization_id, communication, delivery, email, name,
                contact_id)
            select c.customer_id, c.organization_id, kind.communication, k.delivery, k.email,
                   nullif(concat_ws(' ', k.first_name, k.last_name), ''), k.contact_id
              from customer_view c
              join customer_contact k on k.customer_id = c.customer_id
              cross join unnest(k.communications) as kind(communication)
             where c.customer_id = any(?::text[]) and c.communications_enabled
            """, "text");

    private final JdbcTemplate jdbc;

    CustomerProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CustomerCreatedEvent event, DomainEventMessage<?> message) {
        CustomerDetails details = event.details();
        String at = message.getTimestamp().toString();
        BatchedWrites.queue(jdbc, 0, CUSTOMERS, event.customerId(), event.organizationId(), details.customerName(),
                details.externalId(), details.email(), details.phoneNumber(), CustomerJson.write(details.address()),
                CustomerJson.write(details.shipToAddress()), CustomerJson.write(details.taxInfo()),
                details.customData(), event.taxExempt(), details.communicationsEnabled(),
                details.autoChargeEnabled(), details.businessEntityId(), CustomerJson.write(details.connector()),
                event.parentCustomerId(), at, message.getSequenceNumber() + 1);
        Map<Column, Object> values = new LinkedHashMap<>();
        values.put(Column.CUSTOMER_NAME, details.customerName());
        values.put(Column.EXTERNAL_ID, details.externalId());
        values.put(Column.EMAIL, details.email());
        values.put(Column.PHONE_NUMBER, details.phoneNumber());
        values.put(Column.ADDRESS, details.address());
        values.put(Column.SHIP_TO_ADDRESS, details.shipToAddress());
        values.put(Column.TAX_INFO, details.taxInfo().isEmpty() ? null : details.taxInfo());
        values.put(Column.CUSTOM_DATA, details.customData());
        values.put(Column.TAX_EXEMPT, event.taxExempt() ? true : null);
        values.put(Column.COMMUNICATIONS_ENABLED, details.communicationsEnabled());
        values.put(Column.AUTO_CHARGE_ENABLED, details.autoChargeEnabled());
        values.put(Column.BUSINESS_ENTITY_ID, details.businessEntityId());
        values.put(Column.CONNECTOR, details.connector());
        values.put(Column.PARENT_CUSTOMER_ID, event.parentCustomerId());
        List<FieldChange> fields = new ArrayList<>();
        values.forEach((column, value) -> {
            if (value != null) {
                fields.add(new FieldChange(column.field, null, column.jsonOf(value)));
            }
        });
        recordHistory(message, event.organizationId(), fields);
    }

    @EventHandler
    void on(CustomerRenamedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), Map.of(Column.CUSTOMER_NAME, event.customerName()));
    }

    @EventHandler
    void on(CustomerEmailChangedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), nullable(Column.EMAIL, event.email()));
    }

    @EventHandler
    void on(CustomerExternalIdChangedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), nullable(Column.EXTERNAL_ID, event.externalId()));
    }

    @EventHandler
    void on(CustomerPhoneNumberChangedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), nullable(Column.PHONE_NUMBER, event.phoneNumber()));
    }

    @EventHandler
    void on(CustomerBillingAddressChangedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), nullable(Column.ADDRESS, event.address()));
    }

    @EventHandler
    void on(CustomerShippingAddressChangedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), nullable(Column.SHIP_TO_ADDRESS, event.shipToAddress()));
    }

    @EventHandler
    void on(CustomerTaxInfoChangedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), Map.of(Column.TAX_INFO, event.taxInfo()));
    }

    @EventHandler
    void on(CustomerCustomDataChangedEvent event, DomainEventMessage<?> message) {
        Map<Column, Object> values = nullable(Column.CUSTOM_DATA, event.customData());
        values.put(Column.TAX_EXEMPT, event.taxExempt());
        change(message, event.customerId(), values);
    }

    @EventHandler
    void on(CustomerCommunicationsChangedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), Map.of(Column.COMMUNICATIONS_ENABLED, event.communicationsEnabled()));
        refreshRecipients(event.customerId());
    }

    @EventHandler
    void on(CustomerParentChangedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), nullable(Column.PARENT_CUSTOMER_ID, event.parentCustomerId()));
    }

    @EventHandler
    void on(ContactAddedEvent event, DomainEventMessage<?> message) {
        ContactDetails details = event.details();
        contactChange(message, event.customerId(), event.contactId(), details, () -> jdbc.update("""
                        insert into customer_contact (contact_id, customer_id, organization_id, first_name, last_name,
                            email, phone_number, label, communications, delivery, created_at, updated_at)
                        select ?, customer_id, organization_id, ?, ?, ?, ?, ?, ?, ?, ?, ?
                          from customer_view where customer_id = ?
                        """, event.contactId(), details.firstName(), details.lastName(), details.email(),
                details.phoneNumber(), details.label(), details.communications().toArray(String[]::new),
                details.delivery(), Timestamp.from(message.getTimestamp()), Timestamp.from(message.getTimestamp()),
                event.customerId()));
    }

    @EventHandler
    void on(ContactUpdatedEvent event, DomainEventMessage<?> message) {
        ContactDetails details = event.details();
        contactChange(message, event.customerId(), event.contactId(), details, () -> jdbc.update("""
                        update customer_contact set first_name = ?, last_name = ?, email = ?, phone_number = ?,
                            label = ?, communications = ?, delivery = ?, updated_at = ?
                         where contact_id = ?
                        """, details.firstName(), details.lastName(), details.email(), details.phoneNumber(),
                details.label(), details.communications().toArray(String[]::new), details.delivery(),
                Timestamp.from(message.getTimestamp()), event.contactId()));
    }

    @EventHandler
    void on(ContactRemovedEvent event, DomainEventMessage<?> message) {
        contactChange(message, event.customerId(), event.contactId(), null,
                () -> jdbc.update("delete from customer_contact where contact_id = ?", event.contactId()));
    }

    @EventHandler
    void on(CustomerAutoChargeChangedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), Map.of(Column.AUTO_CHARGE_ENABLED, event.autoChargeEnabled()));
    }

    @EventHandler
    void on(CustomerBusinessEntityChangedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), nullable(Column.BUSINESS_ENTITY_ID, event.businessEntityId()));
    }

    @EventHandler
    void on(CustomerConnectorChangedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), nullable(Column.CONNECTOR, event.connector()));
    }

    @EventHandler
    void on(CustomerArchivedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), Map.of(Column.ARCHIVED, true));
    }

    @EventHandler
    void on(CustomerUnarchivedEvent event, DomainEventMessage<?> message) {
        change(message, event.customerId(), Map.of(Column.ARCHIVED, false));
    }

    /**
     * Scrubs the customer: its personal columns take their placeholders, its contacts and recipients go, and its
     * history keeps every entry (who, when, what kind of change) with the personal fields' values removed, plus an
     * {@code customer_erased} entry without values. Replayed, the earlier events read as placeholders and this scrub
     * leaves the same rows.
     */
    @EventHandler
    void on(CustomerErasedEvent event, DomainEventMessage<?> message) {
        BatchedWrites.flush();
        long version = message.getSequenceNumber() + 1;
        List<String> organization = jdbc.queryForList("""
                update customer_view
                   set customer_name = ?, external_id = null, email = null, phone_number = null, address = null,
                       ship_to_address = null, tax_info = '[]', custom_data = null, tax_exempt = false,
                       connector = null, archived = true, erased = true, updated_at = ?, version = ?
                 where customer_id = ? and version < ?
                returning organization_id
                """, String.class, ErasedCustomer.PLACEHOLDER, Timestamp.from(message.getTimestamp()), version,
                event.customerId(), version);
        if (organization.isEmpty()) {
            return;
        }
        jdbc.update("delete from customer_recipient where customer_id = ?", event.customerId());
        jdbc.update("delete from customer_contact where customer_id = ?", event.customerId());
        jdbc.update("""
                update customer_history
                   set fields = coalesce((
                           select jsonb_agg(f.change order by f.n) from jsonb_array_elements(fields)
                                  with ordinality as f(change, n)
                            where not (f.change ->> 'field' = any(?) or f.change ->> 'field' like 'contacts.%')),
                       '[]')
                 where customer_id = ?
                """, ErasedCustomer.CUSTOMER_FIELDS.keySet().toArray(String[]::new), event.customerId());
        recordHistory(message, organization.get(0), List.of());
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("customer_view", "customer_history", "customer_contact", "customer_recipient");
    }

    @Override
    public List<String> handlerIndexes() {
        return List.of("customer_contact_customer", "customer_recipient_lookup");
    }

    private static Map<Column, Object> nullable(Column column, Object value) {
        Map<Column, Object> values = new LinkedHashMap<>();
        values.put(column, value);
        return values;
    }

    /**
     * Applies a contact event: moves the customer's version, runs the change, records the contact's details before
     * and after (null when it did not exist, or no longer does) and refreshes the customer's recipients.
     */
    private void contactChange(DomainEventMessage<?> message, String customerId, String contactId,
                               ContactDetails after, Runnable apply) {
        String organizationId = advance(message, customerId);
        if (organizationId == null) {
            return;
        }
        String before = jdbc.query("""
                select json_build_object('first_name', first_name, 'last_name', last_name, 'email', email,
                    'phone_number', phone_number, 'label', label, 'communications', communications,
                    'delivery', delivery)::text
                  from customer_contact where contact_id = ?
                """, (rs, row) -> rs.getString(1), contactId).stream().findFirst().orElse(null);
        apply.run();
        recordHistory(message, organizationId, List.of(new FieldChange("contacts." + contactId, before,
                CustomerJson.write(after))));
        refreshRecipients(customerId);
    }

    /**
     * Moves the customer's version and update time to this event's; answers its organization, or null when the
     * event was applied before (a redelivery, which must change nothing).
     */
    private String advance(DomainEventMessage<?> message, String customerId) {
        BatchedWrites.flush();
        long version = message.getSequenceNumber() + 1;
        List<String> organization = jdbc.queryForList("""
                update customer_view set version = ?, updated_at = ? where customer_id = ? and version < ?
                returning organization_id
                """, String.class, version, Timestamp.from(message.getTimestamp()), customerId, version);
        return organization.isEmpty() ? null : organization.get(0);
    }

    /**
     * Rebuilds who receives which kind of message for one customer, at the end of the batch ({@link #RECIPIENTS}).
     */
    private void refreshRecipients(String customerId) {
        BatchedWrites.queue(jdbc, 2, RECIPIENTS_REMOVED, customerId);
        BatchedWrites.queue(jdbc, 3, RECIPIENTS, customerId);
    }

    /** Applies one event's new column values and records their old and new values in the history. */
    private void change(DomainEventMessage<?> message, String customerId, Map<Column, Object> values) {
        BatchedWrites.flush();
        long version = message.getSequenceNumber() + 1;
        StringBuilder current = new StringBuilder("select organization_id, version");
        values.keySet().forEach(column -> current.append(", ").append(column.currentJsonSql()).append(" as ")
                .append(column.column));
        current.append(" from customer_view where customer_id = ? for update");
        List<Map<String, Object>> rows = jdbc.queryForList(current.toString(), customerId);
        if (rows.isEmpty()) {
            throw new IllegalStateException("Customer " + customerId + " changed before it was created");
        }
        Map<String, Object> row = rows.get(0);
        if (((Number) row.get("version")).longValue() >= version) {
            return;
        }
        List<String> assignments = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        List<FieldChange> fields = new ArrayList<>();
        values.forEach((column, value) -> {
            assignments.add(column.assignmentSql());
            arguments.add(column.sqlValue(value));
            fields.add(new FieldChange(column.field, (String) row.get(column.column), column.jsonOf(value)));
        });
        arguments.add(Timestamp.from(message.getTimestamp()));
        arguments.add(version);
        arguments.add(customerId);
        BatchedWrites.queue(jdbc, 0, "update customer_view set " + String.join(", ", assignments)
                + ", updated_at = ?, version = ? where customer_id = ?", arguments.toArray());
        recordHistory(message, (String) row.get("organization_id"), fields);
    }

    private void recordHistory(DomainEventMessage<?> message, String organizationId, List<FieldChange> fields) {
        BatchedWrites.queue(jdbc, 1, HISTORY, message.getIdentifier(), message.getAggregateIdentifier(),
                organizationId, message.getSequenceNumber(), message.getTimestamp().toString(),
                message.getMetaData().get(MetadataKeys.ACTOR_ID), message.getMetaData().get(MetadataKeys.ACTOR_NAME),
                changeName(message.getPayloadType()), CustomerJson.write(fields));
    }

    /** {@code CustomerRenamedEvent} → {@code customer_renamed}. */
    static String changeName(Class<?> eventType) {
        String name = eventType.getSimpleName().replaceFirst("Event$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    }
}
