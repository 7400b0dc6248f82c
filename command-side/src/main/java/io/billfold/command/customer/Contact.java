package io.billfold.command.customer;

import io.billfold.api.contact.ContactDetails;
import io.billfold.api.contact.ContactResponse;
import io.billfold.api.contact.ContactUpdatedEvent;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A secondary contact of a customer: an entity of the {@link Customer} aggregate, which forwards to it only the events
 * of its own id. Equal by value, as the state rebuilt from its events must be.
 */
class Contact {

    @EntityId
    private final String contactId;
    private ContactDetails details;
    private final Instant createdAt;
    private Instant updatedAt;

    Contact(String contactId, ContactDetails details, Instant createdAt) {
        this.contactId = contactId;
        this.details = details;
        this.createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        this.updatedAt = this.createdAt;
    }

    String contactId() {
        return contactId;
    }

    ContactDetails details() {
        return details;
    }

    ContactResponse toResponse(String customerId) {
        return new ContactResponse(contactId, customerId, details.firstName(), details.lastName(), details.email(),
                details.phoneNumber(), details.label(), details.communications(), details.delivery(), createdAt,
                updatedAt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Contact contact && contactId.equals(contact.contactId)
                && details.equals(contact.details) && createdAt.equals(contact.createdAt)
                && updatedAt.equals(contact.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contactId, details, createdAt, updatedAt);
    }

    @EventSourcingHandler
    void on(ContactUpdatedEvent event, @Timestamp Instant timestamp) {
        details = event.details();
        updatedAt = timestamp.truncatedTo(ChronoUnit.MILLIS);
    }
}
