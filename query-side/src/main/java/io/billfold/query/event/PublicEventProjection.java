package io.billfold.query.event;

import io.billfold.api.Actor;
import io.billfold.api.MetadataKeys;
import io.billfold.api.contact.ContactAddedEvent;
import io.billfold.api.contact.ContactDetails;
import io.billfold.api.contact.ContactRemovedEvent;
import io.billfold.api.contact.ContactResponse;
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
import io.billfold.api.customer.CustomerErasedEvent;
import io.billfold.api.customer.ErasedCustomer;
import io.billfold.api.customer.CustomerEmailChangedEvent;
import io.billfold.api.customer.CustomerExternalIdChangedEvent;
import io.billfold.api.customer.CustomerFields;
import io.billfold.api.customer.CustomerImportCompletedEvent;
import io.billfold.api.customer.CustomerParentChangedEvent;
import io.billfold.api.customer.CustomerPhoneNumberChangedEvent;
import io.billfold.api.customer.CustomerRenamedEvent;
import io.billfold.api.customer.CustomerResponse;
import io.billfold.api.customer.CustomerShippingAddressChangedEvent;
import io.billfold.api.customer.CustomerTaxInfoChangedEvent;
import io.billfold.api.customer.CustomerUnarchivedEvent;
import io.billfold.api.wallet.Amounts;
import io.billfold.api.wallet.HoldResponse;
import io.billfold.api.wallet.LedgerEntry;
import io.billfold.api.wallet.Provenance;
import io.billfold.api.wallet.WalletBalanceLowEvent;
import io.billfold.api.wallet.WalletCreatedEvent;
import io.billfold.api.wallet.WalletCreditedEvent;
import io.billfold.api.wallet.WalletDebitedEvent;
import io.billfold.api.wallet.WalletGrantExpiredEvent;
import io.billfold.api.wallet.WalletHoldCapturedEvent;
import io.billfold.api.wallet.WalletHoldCreatedEvent;
import io.billfold.api.wallet.WalletHoldExpiredEvent;
import io.billfold.api.wallet.WalletHoldReleasedEvent;
import io.billfold.api.wallet.WalletLowBalanceThresholdChangedEvent;
import io.billfold.api.wallet.WalletResponse;
import io.billfold.api.wallet.WalletTransferredInEvent;
import io.billfold.api.wallet.WalletTransferredOutEvent;
import io.billfold.projection.ReadModel;
import io.billfold.projection.write.BatchedWrites;
import io.billfold.projection.write.BulkStatement;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.joda.money.CurrencyUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.billfold.api.event.PublicEventTypes.CONTACT_CREATED;
import static io.billfold.api.event.PublicEventTypes.CONTACT_DELETED;
import static io.billfold.api.event.PublicEventTypes.CONTACT_UPDATED;
import static io.billfold.api.event.PublicEventTypes.CUSTOMER_ARCHIVED;
import static io.billfold.api.event.PublicEventTypes.CUSTOMER_CREATED;
import static io.billfold.api.event.PublicEventTypes.CUSTOMER_ERASED;
import static io.billfold.api.event.PublicEventTypes.CUSTOMER_IMPORT_COMPLETED;
import static io.billfold.api.event.PublicEventTypes.CUSTOMER_UNARCHIVED;
import static io.billfold.api.event.PublicEventTypes.CUSTOMER_UPDATED;
import static io.billfold.api.event.PublicEventTypes.WALLET_BALANCE_LOW;
import static io.billfold.api.event.PublicEventTypes.WALLET_CREATED;
import static io.billfold.api.event.PublicEventTypes.WALLET_HOLD_CAPTURED;
import static io.billfold.api.event.PublicEventTypes.WALLET_HOLD_CREATED;
import static io.billfold.api.event.PublicEventTypes.WALLET_HOLD_EXPIRED;
import static io.billfold.api.event.PublicEventTypes.WALLET_HOLD_RELEASED;
import static io.billfold.api.event.PublicEventTypes.WALLET_TRANSACTION_CREATED;
import static io.billfold.api.event.PublicEventTypes.WALLET_UPDATED;

/**
 * Builds the public event feed ({@code public_event}) from the event store: one public event per change, its
 * {@code data.object} the resource as {@code GET} shows it right after the change. The projection keeps each
 * resource's state of its own ({@code public_event_resource}), evolved event by event, so an object is what the
 * resource was at that event (never the read model's state when the batch runs, which may include later events), and
 * a replay builds the same bytes. Ids and positions come from the stored event ({@code evt_} + its identifier, its
 * global index).
 * <p>
 * A customer patch records one stored event per field it changes; the feed shows one {@code customer.updated} per
 * command, at its last event, with every changed field in {@code previous_attributes}: an event is held back while
 * the next event of the customer belongs to the same command (the same {@code correlationId}; all of a command's
 * events commit together, so the next one is already stored whenever it exists).
 * <p>
 * Idempotent: an event at or below a resource's version changes nothing; rows are keyed by position. Writes wait for
 * the end of the batch ({@link BatchedWrites}); the states of the batch's resources are kept in memory while they do,
 * and read from the table whenever writes run at once (events isolated after a failure, each in a savepoint).
 */
@Component
@ProcessingGroup(PublicEventProjection.PROCESSING_GROUP)
class PublicEventProjection implements ReadModel {

    static final String PROCESSING_GROUP = "events";
    private static final String STATES = PublicEventProjection.class.getName() + ".states";
    private static final List<String> CONTACT_FIELDS = List.of("first_name", "last_name", "email", "phone_number",
            "label", "communications", "delivery");

    /**
     * The position is the stored event's global index, looked up here: a tracking token says where its processor
     * stands, which for an event that filled a gap is past the event itself. The body is written around it.
     */
    private static final BulkStatement EVENTS = BulkStatement.of("""
            insert into public_event (position, event_id, organization_id, type, occurred_at, body)
            select d.global_index, 'evt_' || e.event_identifier, e.organization_id, e.type,
                   e.occurred_at::timestamptz, e.body_before_position || d.global_index || e.body_after_position
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   as e(event_identifier, organization_id, type, occurred_at, body_before_position,
                        body_after_position)
              join domain_event_entry d on d.event_identifier = e.event_identifier
            on conflict (position) do nothing
            """, "text", "text", "text", "text", "text", "text");
    private static final String POSITION_FIELD = "\"position\":";

    /** Each resource once per batch, at the latest of its versions. */
    private static final BulkStatement RESOURCES = BulkStatement.of("""
            insert into public_event_resource (resource_id, organization_id, version, object, pending_previous)
            select distinct on (r.resource_id) r.resource_id, r.organization_id, r.version, r.object, r.pending_previous
              from unnest(?::text[], ?::text[], ?::int8[], ?::text[], ?::text[])
                   as r(resource_id, organization_id, version, object, pending_previous)
             order by r.resource_id, r.version desc
            on conflict (resource_id) do update
               set version = excluded.version, object = excluded.object, pending_previous = excluded.pending_previous
             where public_event_resource.version < excluded.version
            """, "text", "text", "int8", "text", "text");

    private final JdbcTemplate jdbc;
    private final FeedFrontier frontier;

    PublicEventProjection(JdbcTemplate jdbc, FeedFrontier frontier) {
        this.jdbc = jdbc;
        this.frontier = frontier;
    }

    /** A resource as the feed last showed it; {@code pendingPrevious} as in {@code public_event_resource}. */
    private record Resource(String organizationId, long version, ObjectNode object, ObjectNode pendingPrevious) {
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("public_event", "public_event_resource");
    }

    // Customers

    @EventHandler
    void on(CustomerCreatedEvent event, DomainEventMessage<?> message) {
        long version = message.getSequenceNumber() + 1;
        if (load(event.customerId()).isPresent()) {
            return;
        }
        CustomerDetails details = event.details();
        Instant at = message.getTimestamp();
        ObjectNode object = EventJson.object(new CustomerResponse(event.customerId(), details.customerName(),
                details.externalId(), details.email(), details.phoneNumber(), details.address(),
                details.shipToAddress(), details.taxInfo(), details.customData(), event.taxExempt(),
                details.communicationsEnabled(), details.autoChargeEnabled(), details.businessEntityId(),
                details.connector(), event.parentCustomerId(), List.of(), false, false, at, at, version));
        save(event.customerId(), new Resource(event.organizationId(), version, object, null));
        publish(message, event.organizationId(), CUSTOMER_CREATED, object, null);
    }

    @EventHandler
    void on(CustomerRenamedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerEmailChangedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerExternalIdChangedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerPhoneNumberChangedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerBillingAddressChangedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerShippingAddressChangedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerTaxInfoChangedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerCustomDataChangedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerCommunicationsChangedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerAutoChargeChangedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerBusinessEntityChangedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerConnectorChangedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerParentChangedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerArchivedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    @EventHandler
    void on(CustomerUnarchivedEvent event, DomainEventMessage<?> message) {
        customerChanged(event, message);
    }

    private void customerChanged(Object event, DomainEventMessage<?> message) {
        String customerId = message.getAggregateIdentifier();
        Optional<Resource> current = unapplied(customerId, message);
        if (current.isEmpty()) {
            return;
        }
        Resource before = current.get();
        ObjectNode object = before.object().deepCopy();
        ObjectNode previous = before.pendingPrevious() == null ? EventJson.JSON.createObjectNode()
                : before.pendingPrevious().deepCopy();
        CustomerFields.setBy(event).forEach((field, value) -> {
            JsonNode next = field.equals("custom_data") ? EventJson.parse((String) value) : EventJson.tree(value);
            JsonNode old = object.get(field);
            if (!Objects.equals(old, next) && !previous.has(field)) {
                previous.set(field, old);
            }
            object.set(field, next);
        });
        touch(object, message);
        long version = message.getSequenceNumber() + 1;
        String type = event instanceof CustomerArchivedEvent ? CUSTOMER_ARCHIVED
                : event instanceof CustomerUnarchivedEvent ? CUSTOMER_UNARCHIVED : CUSTOMER_UPDATED;
        if (type.equals(CUSTOMER_UPDATED) && continuesCommand(message)) {
            save(customerId, new Resource(before.organizationId(), version, object, previous));
            return;
        }
        save(customerId, new Resource(before.organizationId(), version, object, null));
        publish(message, before.organizationId(), type, object,
                type.equals(CUSTOMER_UPDATED) ? previous : null);
    }

    /**
     * The customer shows its placeholders, no contacts, and is archived and erased; every earlier event of the feed
     * that showed its personal data is scrubbed ({@link ErasedFeed}), then {@code customer.erased} is published.
     */
    @EventHandler
    void on(CustomerErasedEvent event, DomainEventMessage<?> message) {
        Optional<Resource> current = unapplied(event.customerId(), message);
        if (current.isEmpty()) {
            return;
        }
        Resource before = current.get();
        ObjectNode object = before.object().deepCopy();
        ErasedFeed.erase(object, ErasedCustomer.CUSTOMER_FIELDS);
        object.putArray("contacts");
        object.put("tax_exempt", false);
        object.put("archived", true);
        object.put("erased", true);
        touch(object, message);
        save(event.customerId(), new Resource(before.organizationId(), message.getSequenceNumber() + 1, object, null));
        BatchedWrites.flush();
        ErasedFeed.scrub(jdbc, before.organizationId(), event.customerId());
        publish(message, before.organizationId(), CUSTOMER_ERASED, object, null);
    }

    /**
     * True when the customer's next stored event was recorded by the same command as this one: a patch's events are
     * shown as one {@code customer.updated}, at the last of them.
     */
    private boolean continuesCommand(DomainEventMessage<?> message) {
        Object command = message.getMetaData().get("correlationId");
        if (command == null) {
            return false;
        }
        return jdbc.query("""
                        select meta_data from domain_event_entry where aggregate_identifier = ? and sequence_number = ?
                        """, (rs, row) -> rs.getBytes(1), message.getAggregateIdentifier(),
                message.getSequenceNumber() + 1).stream()
                .anyMatch(metaData -> command.toString().equals(
                        EventJson.JSON.readTree(metaData).path("correlationId").asString(null)));
    }

    // Contacts (part of their customer's state: a customer shows its contacts)

    @EventHandler
    void on(ContactAddedEvent event, DomainEventMessage<?> message) {
        Optional<Resource> current = unapplied(event.customerId(), message);
        if (current.isEmpty()) {
            return;
        }
        ObjectNode customer = current.get().object().deepCopy();
        ObjectNode contact = contact(event.customerId(), event.contactId(), event.details(), message.getTimestamp(),
                message.getTimestamp());
        ((ArrayNode) customer.get("contacts")).add(contact);
        customerSaved(current.get(), customer, message);
        publish(message, current.get().organizationId(), CONTACT_CREATED, contact, null);
    }

    @EventHandler
    void on(ContactUpdatedEvent event, DomainEventMessage<?> message) {
        Optional<Resource> current = unapplied(event.customerId(), message);
        if (current.isEmpty()) {
            return;
        }
        ObjectNode customer = current.get().object().deepCopy();
        ArrayNode contacts = (ArrayNode) customer.get("contacts");
        int index = indexOf(contacts, event.contactId());
        JsonNode old = contacts.get(index);
        ObjectNode contact = contact(event.customerId(), event.contactId(), event.details(),
                EventJson.JSON.convertValue(old.get("created_at"), Instant.class), message.getTimestamp());
        ObjectNode previous = EventJson.JSON.createObjectNode();
        for (String field : CONTACT_FIELDS) {
            if (!Objects.equals(old.get(field), contact.get(field))) {
                previous.set(field, old.get(field));
            }
        }
        contacts.set(index, contact);
        customerSaved(current.get(), customer, message);
        publish(message, current.get().organizationId(), CONTACT_UPDATED, contact, previous);
    }

    @EventHandler
    void on(ContactRemovedEvent event, DomainEventMessage<?> message) {
        Optional<Resource> current = unapplied(event.customerId(), message);
        if (current.isEmpty()) {
            return;
        }
        ObjectNode customer = current.get().object().deepCopy();
        ArrayNode contacts = (ArrayNode) customer.get("contacts");
        JsonNode removed = contacts.remove(indexOf(contacts, event.contactId()));
        customerSaved(current.get(), customer, message);
        publish(message, current.get().organizationId(), CONTACT_DELETED, removed, null);
    }

    private static ObjectNode contact(String customerId, String contactId, ContactDetails details, Instant createdAt,
                                      Instant updatedAt) {
        return EventJson.object(new ContactResponse(contactId, customerId, details.firstName(), details.lastName(),
                details.email(), details.phoneNumber(), details.label(), details.communications(),
                details.delivery(), createdAt, updatedAt));
    }

    private static int indexOf(ArrayNode contacts, String contactId) {
        for (int i = 0; i < contacts.size(); i++) {
            if (contactId.equals(contacts.get(i).get("id").asString())) {
                return i;
            }
        }
        throw new IllegalStateException("Contact " + contactId + " changed before it was added");
    }

    private void customerSaved(Resource before, ObjectNode customer, DomainEventMessage<?> message) {
        touch(customer, message);
        save(message.getAggregateIdentifier(), new Resource(before.organizationId(),
                message.getSequenceNumber() + 1, customer, before.pendingPrevious()));
    }

    // Wallets

    @EventHandler
    void on(WalletCreatedEvent event, DomainEventMessage<?> message) {
        long version = message.getSequenceNumber() + 1;
        if (load(event.walletId()).isPresent()) {
            return;
        }
        Instant at = message.getTimestamp();
        ObjectNode object = EventJson.object(new WalletResponse(event.walletId(), event.customerId(), event.currency(),
                Amounts.format(0, event.currency()), version, at, at, null, Amounts.format(0, event.currency()),
                Amounts.format(0, event.currency())));
        save(event.walletId(), new Resource(event.organizationId(), version, object, null));
        publish(message, event.organizationId(), WALLET_CREATED, object, null);
    }

    @EventHandler
    void on(WalletCreditedEvent event, DomainEventMessage<?> message) {
        entry(LedgerEntry.of(event).orElseThrow(), message);
    }

    @EventHandler
    void on(WalletDebitedEvent event, DomainEventMessage<?> message) {
        entry(LedgerEntry.of(event).orElseThrow(), message);
    }

    @EventHandler
    void on(WalletTransferredOutEvent event, DomainEventMessage<?> message) {
        entry(LedgerEntry.of(event).orElseThrow(), message);
    }

    @EventHandler
    void on(WalletTransferredInEvent event, DomainEventMessage<?> message) {
        entry(LedgerEntry.of(event).orElseThrow(), message);
    }

    private void entry(LedgerEntry entry, DomainEventMessage<?> message) {
        Optional<Resource> current = unapplied(entry.walletId(), message);
        if (current.isEmpty()) {
            return;
        }
        long version = message.getSequenceNumber() + 1;
        ObjectNode wallet = current.get().object().deepCopy();
        wallet.put("balance", Amounts.format(entry.balanceAfterMinor(), entry.currency()));
        long held = minor(wallet.get("held"), entry.currency());
        wallet.put("available", Amounts.format(entry.balanceAfterMinor() - held, entry.currency()));
        touch(wallet, message);
        save(entry.walletId(), new Resource(current.get().organizationId(), version, wallet, null));
        publish(message, current.get().organizationId(), WALLET_TRANSACTION_CREATED, EventJson.object(
                entry.toResponse(version, Provenance.of(message.getMetaData(), message.getTimestamp()))), null);
    }

    @EventHandler
    void on(WalletGrantExpiredEvent event, DomainEventMessage<?> message) {
        entry(LedgerEntry.of(event).orElseThrow(), message);
    }

    @EventHandler
    void on(WalletHoldCreatedEvent event, DomainEventMessage<?> message) {
        Optional<Resource> current = unapplied(event.walletId(), message);
        if (current.isEmpty()) {
            return;
        }
        heldChanged(current.get(), event.amountMinor(), event.currency(), message);
        Instant at = message.getTimestamp();
        ObjectNode hold = EventJson.object(new HoldResponse(event.holdId(), event.walletId(), event.customerId(),
                Amounts.format(event.amountMinor(), event.currency()), event.currency(), "active", event.reference(),
                event.description(), null, null, event.expiresAt(), at, at));
        save(event.holdId(), new Resource(current.get().organizationId(), message.getSequenceNumber() + 1, hold,
                null));
        publish(message, current.get().organizationId(), WALLET_HOLD_CREATED, hold, null);
    }

    @EventHandler
    void on(WalletHoldCapturedEvent event, DomainEventMessage<?> message) {
        holdEnded(event.holdId(), event.walletId(), event.currency(), "captured", event.capturedMinor(),
                event.transactionId(), event.capturedMinor() + event.releasedMinor(), message, WALLET_HOLD_CAPTURED);
    }

    @EventHandler
    void on(WalletHoldReleasedEvent event, DomainEventMessage<?> message) {
        holdEnded(event.holdId(), event.walletId(), event.currency(), "released", null, null, event.amountMinor(),
                message, WALLET_HOLD_RELEASED);
    }

    @EventHandler
    void on(WalletHoldExpiredEvent event, DomainEventMessage<?> message) {
        holdEnded(event.holdId(), event.walletId(), event.currency(), "expired", null, null, event.amountMinor(),
                message, WALLET_HOLD_EXPIRED);
    }

    private void holdEnded(String holdId, String walletId, String currency, String status, Long capturedMinor,
                           String captureTransactionId, long heldMinor, DomainEventMessage<?> message, String type) {
        Optional<Resource> current = unapplied(walletId, message);
        if (current.isEmpty()) {
            return;
        }
        heldChanged(current.get(), -heldMinor, currency, message);
        Resource before = load(holdId).orElseThrow(() -> new IllegalStateException("Hold " + holdId
                + " ended before it was created"));
        ObjectNode hold = before.object().deepCopy();
        hold.put("status", status);
        if (capturedMinor != null) {
            hold.put("captured_amount", Amounts.format(capturedMinor, currency));
            hold.put("capture_transaction_id", captureTransactionId);
        }
        hold.set("updated_at", EventJson.tree(message.getTimestamp()));
        save(holdId, new Resource(before.organizationId(), message.getSequenceNumber() + 1, hold, null));
        publish(message, before.organizationId(), type, hold, null);
    }

    /** A hold changed what the wallet holds: its {@code held} and {@code available}, with no event of its own. */
    private void heldChanged(Resource before, long deltaMinor, String currency, DomainEventMessage<?> message) {
        ObjectNode wallet = before.object().deepCopy();
        long held = minor(wallet.get("held"), currency) + deltaMinor;
        wallet.put("held", Amounts.format(held, currency));
        wallet.put("available", Amounts.format(minor(wallet.get("balance"), currency) - held, currency));
        touch(wallet, message);
        save(message.getAggregateIdentifier(), new Resource(before.organizationId(),
                message.getSequenceNumber() + 1, wallet, null));
    }

    /** An amount of the wallet's JSON in minor units; wallets kept before holds have no {@code held}: zero. */
    private static long minor(JsonNode amount, String currency) {
        return amount == null || amount.isNull() ? 0 : new BigDecimal(amount.asString())
                .movePointRight(CurrencyUnit.of(currency).getDecimalPlaces()).longValueExact();
    }

    @EventHandler
    void on(WalletLowBalanceThresholdChangedEvent event, DomainEventMessage<?> message) {
        Optional<Resource> current = unapplied(event.walletId(), message);
        if (current.isEmpty()) {
            return;
        }
        ObjectNode wallet = current.get().object().deepCopy();
        ObjectNode previous = EventJson.JSON.createObjectNode();
        previous.set("low_balance_threshold", wallet.get("low_balance_threshold"));
        wallet.put("low_balance_threshold", event.thresholdMinor() == null ? null
                : Amounts.format(event.thresholdMinor(), event.currency()));
        walletChanged(current.get(), wallet, message, WALLET_UPDATED, previous);
    }

    @EventHandler
    void on(WalletBalanceLowEvent event, DomainEventMessage<?> message) {
        Optional<Resource> current = unapplied(event.walletId(), message);
        if (current.isPresent()) {
            walletChanged(current.get(), current.get().object().deepCopy(), message, WALLET_BALANCE_LOW, null);
        }
    }

    private void walletChanged(Resource before, ObjectNode wallet, DomainEventMessage<?> message,
                               String type, ObjectNode previous) {
        touch(wallet, message);
        save(message.getAggregateIdentifier(), new Resource(before.organizationId(),
                message.getSequenceNumber() + 1, wallet, null));
        publish(message, before.organizationId(), type, wallet, previous);
    }

    // Imports

    @EventHandler
    void on(CustomerImportCompletedEvent event, DomainEventMessage<?> message) {
        ObjectNode object = EventJson.JSON.createObjectNode();
        object.put("id", event.importId());
        object.put("status", event.status());
        object.put("dry_run", event.dryRun());
        object.put("on_conflict", event.onConflict());
        object.setAll((ObjectNode) EventJson.tree(event.counts()));
        publish(message, event.organizationId(), CUSTOMER_IMPORT_COMPLETED, object, null);
    }

    // State and output

    /** Every change moves its resource's version (its event count) and update time, as the aggregates do. */
    private static void touch(ObjectNode object, DomainEventMessage<?> message) {
        object.set("updated_at", EventJson.tree(message.getTimestamp()));
        object.put("version", message.getSequenceNumber() + 1);
    }

    /** The resource's state before this event, or empty when the event was applied before (a redelivery). */
    private Optional<Resource> unapplied(String resourceId, DomainEventMessage<?> message) {
        Resource resource = load(resourceId).orElseThrow(() -> new IllegalStateException(
                "Resource " + resourceId + " changed before it was created"));
        return resource.version() > message.getSequenceNumber() ? Optional.empty() : Optional.of(resource);
    }

    private Optional<Resource> load(String resourceId) {
        Map<String, Resource> batch = batchStates();
        if (batch != null && batch.containsKey(resourceId)) {
            return Optional.of(batch.get(resourceId));
        }
        Optional<Resource> stored = jdbc.query("""
                        select organization_id, version, object, pending_previous from public_event_resource
                         where resource_id = ?
                        """, (rs, row) -> new Resource(rs.getString(1), rs.getLong(2),
                        (ObjectNode) EventJson.parse(rs.getString(3)),
                        rs.getString(4) == null ? null : (ObjectNode) EventJson.parse(rs.getString(4))), resourceId)
                .stream().findFirst();
        if (batch != null) {
            stored.ifPresent(resource -> batch.put(resourceId, resource));
        }
        return stored;
    }

    private void save(String resourceId, Resource resource) {
        Map<String, Resource> batch = batchStates();
        if (batch != null) {
            batch.put(resourceId, resource);
        }
        BatchedWrites.queue(jdbc, 0, RESOURCES, resourceId, resource.organizationId(), resource.version(),
                EventJson.write(resource.object()),
                resource.pendingPrevious() == null ? null : EventJson.write(resource.pendingPrevious()));
    }

    /**
     * The states this batch has read or written, while its writes wait for its end; null while they run at once (a
     * state kept in memory could then belong to an event rolled back to its savepoint).
     */
    private static Map<String, Resource> batchStates() {
        if (!BatchedWrites.deferring()) {
            return null;
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(STATES, key -> new HashMap<>());
    }

    private void publish(DomainEventMessage<?> message, String organizationId, String type, JsonNode object,
                         ObjectNode previous) {
        ObjectNode body = EventJson.JSON.createObjectNode();
        body.put("id", "evt_" + message.getIdentifier());
        body.put("type", type);
        body.set("occurred_at", EventJson.tree(message.getTimestamp()));
        body.put("position", 0L);
        ObjectNode data = body.putObject("data");
        data.set("object", object);
        if (previous != null) {
            data.set("previous_attributes", previous);
        }
        body.set("actor", EventJson.tree(Actor.of(message.getMetaData())));
        body.put("request_id", (String) message.getMetaData().get(MetadataKeys.REQUEST_ID));
        // The first "position": is the event's own: only the id, type and time, none of which can hold it, come before.
        String json = EventJson.write(body);
        int position = json.indexOf(POSITION_FIELD) + POSITION_FIELD.length();
        BatchedWrites.queue(jdbc, 1, EVENTS, message.getIdentifier(), organizationId, type,
                message.getTimestamp().toString(), json.substring(0, position), json.substring(position + 1));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().getOrComputeResource(FeedFrontier.class.getName(), key -> {
                CurrentUnitOfWork.get().root().afterCommit(committed -> frontier.wakeUp());
                return Boolean.TRUE;
            });
        }
    }
}
