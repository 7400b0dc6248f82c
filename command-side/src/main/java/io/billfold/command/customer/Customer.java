package io.billfold.command.customer;

import io.billfold.api.contact.AddContactCommand;
import io.billfold.api.contact.ContactAddedEvent;
import io.billfold.api.contact.ContactDetails;
import io.billfold.api.contact.ContactEmailAlreadyExistsException;
import io.billfold.api.contact.ContactLimitReachedException;
import io.billfold.api.contact.ContactNotFoundException;
import io.billfold.api.contact.ContactRemovedEvent;
import io.billfold.api.contact.ContactResponse;
import io.billfold.api.contact.ContactUpdatedEvent;
import io.billfold.api.contact.RemoveContactCommand;
import io.billfold.api.contact.UpdateContactCommand;
import io.billfold.api.customer.Address;
import io.billfold.api.customer.ArchiveCustomerCommand;
import io.billfold.api.customer.ChangeCustomerParentCommand;
import io.billfold.api.customer.Connector;
import io.billfold.api.customer.CreateCustomerCommand;
import io.billfold.api.customer.CustomerArchivedEvent;
import io.billfold.api.customer.CustomerArchivedException;
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
import io.billfold.api.customer.CustomerErasedException;
import io.billfold.api.customer.CustomerExternalIdChangedEvent;
import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.api.customer.CustomerParentChangedEvent;
import io.billfold.api.customer.CustomerPhoneNumberChangedEvent;
import io.billfold.api.customer.CustomerRenamedEvent;
import io.billfold.api.customer.CustomerResponse;
import io.billfold.api.customer.CustomerShippingAddressChangedEvent;
import io.billfold.api.customer.CustomerTaxInfoChangedEvent;
import io.billfold.api.customer.CustomerUnarchivedEvent;
import io.billfold.api.customer.EraseCustomerCommand;
import io.billfold.api.customer.ErasedCustomer;
import io.billfold.api.customer.TaxIdentifier;
import io.billfold.api.customer.UnarchiveCustomerCommand;
import io.billfold.api.customer.UpdateCustomerCommand;
import io.billfold.api.error.FieldChecks;
import io.billfold.command.CustomerWallets;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer of an organization. Commands are checked against the rules of {@link CustomerValidation} and the
 * organization-wide uniqueness of email and external_id; each kind of change is its own event, so the history
 * reads as what happened. A patch that changes nothing emits nothing.
 */
@Aggregate(repository = CustomerConfiguration.REPOSITORY)
class Customer {

    static final int MAX_CONTACTS = 50;

    @AggregateIdentifier
    private String customerId;
    private String organizationId;
    private String customerName;
    private String externalId;
    private String email;
    private String phoneNumber;
    private Address address;
    private Address shipToAddress;
    private List<TaxIdentifier> taxInfo;
    private String customData;
    private boolean taxExempt;
    private boolean communicationsEnabled;
    private boolean autoChargeEnabled;
    private String businessEntityId;
    private Connector connector;
    private String parentCustomerId;
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private List<Contact> contacts = new ArrayList<>();
    private boolean archived;
    private boolean erased;
    private Instant createdAt;
    private Instant updatedAt;
    private long version;

    Customer() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    CustomerResponse handle(CreateCustomerCommand command, CustomerUniqueness uniqueness,
                            CustomerHierarchy hierarchy) {
        CustomerDetails details = CustomerValidation.normalise(command.details());
        uniqueness.claim(command.organizationId(), command.customerId(), details.email(), details.externalId());
        hierarchy.register(command.organizationId(), command.customerId(), command.parentCustomerId());
        apply(new CustomerCreatedEvent(command.customerId(), command.organizationId(), details,
                CustomerValidation.taxExempt(details.customData()), command.parentCustomerId()));
        return toResponse();
    }

    @CommandHandler
    CustomerResponse handle(UpdateCustomerCommand command, CustomerUniqueness uniqueness) {
        requireLive(command.organizationId());
        FieldChecks checks = new FieldChecks();
        CustomerDetails patched = MergePatch.apply(details(), command.mergePatch(), CustomerDetails.class,
                Set.of("custom_data"), checks);
        CustomerDetails next = checks.check(() -> CustomerValidation.normalise(patched));
        checks.throwIfFailed();
        if (!Objects.equals(next.email(), email)) {
            if (next.email() != null && (email == null
                    || !FieldRules.emailKey(next.email()).equals(FieldRules.emailKey(email)))) {
                uniqueness.claimEmail(organizationId, customerId, next.email());
            }
            if (email != null && (next.email() == null
                    || !FieldRules.emailKey(next.email()).equals(FieldRules.emailKey(email)))) {
                uniqueness.releaseEmail(organizationId, customerId, email);
            }
            apply(new CustomerEmailChangedEvent(customerId, next.email()));
        }
        if (!Objects.equals(next.externalId(), externalId)) {
            if (next.externalId() != null) {
                uniqueness.claimExternalId(organizationId, customerId, next.externalId());
            }
            if (externalId != null) {
                uniqueness.releaseExternalId(organizationId, customerId, externalId);
            }
            apply(new CustomerExternalIdChangedEvent(customerId, next.externalId()));
        }
        if (!Objects.equals(next.customerName(), customerName)) {
            apply(new CustomerRenamedEvent(customerId, next.customerName()));
        }
        if (!Objects.equals(next.phoneNumber(), phoneNumber)) {
            apply(new CustomerPhoneNumberChangedEvent(customerId, next.phoneNumber()));
        }
        if (!Objects.equals(next.address(), address)) {
            apply(new CustomerBillingAddressChangedEvent(customerId, next.address()));
        }
        if (!Objects.equals(next.shipToAddress(), shipToAddress)) {
            apply(new CustomerShippingAddressChangedEvent(customerId, next.shipToAddress()));
        }
        if (!Objects.equals(next.taxInfo(), taxInfo)) {
            apply(new CustomerTaxInfoChangedEvent(customerId, next.taxInfo()));
        }
        if (!Objects.equals(next.customData(), customData)) {
            apply(new CustomerCustomDataChangedEvent(customerId, next.customData(),
                    CustomerValidation.taxExempt(next.customData())));
        }
        if (next.communicationsEnabled() != communicationsEnabled) {
            apply(new CustomerCommunicationsChangedEvent(customerId, next.communicationsEnabled()));
        }
        if (next.autoChargeEnabled() != autoChargeEnabled) {
            apply(new CustomerAutoChargeChangedEvent(customerId, next.autoChargeEnabled()));
        }
        if (!Objects.equals(next.businessEntityId(), businessEntityId)) {
            apply(new CustomerBusinessEntityChangedEvent(customerId, next.businessEntityId()));
        }
        if (!Objects.equals(next.connector(), connector)) {
            apply(new CustomerConnectorChangedEvent(customerId, next.connector()));
        }
        return toResponse();
    }

    @CommandHandler
    CustomerResponse handle(ArchiveCustomerCommand command, CustomerUniqueness uniqueness,
                            CustomerHierarchy hierarchy, CustomerWallets wallets) {
        requireOrganization(command.organizationId());
        if (!archived) {
            hierarchy.archive(organizationId, customerId);
            wallets.requireEmpty(customerId);
            if (email != null) {
                uniqueness.releaseEmail(organizationId, customerId, email);
            }
            if (externalId != null) {
                uniqueness.releaseExternalId(organizationId, customerId, externalId);
            }
            apply(new CustomerArchivedEvent(customerId));
        }
        return toResponse();
    }

    /**
     * Erases the customer's personal data for good, refused as archiving is (credit in a wallet, live children). An
     * erased customer is also archived; erasing it again answers it as it is.
     */
    @CommandHandler
    CustomerResponse handle(EraseCustomerCommand command, CustomerUniqueness uniqueness, CustomerHierarchy hierarchy,
                            CustomerWallets wallets, CustomerErasure erasure) {
        requireOrganization(command.organizationId());
        if (!erased) {
            wallets.requireEmpty(customerId);
            if (!archived) {
                hierarchy.archive(organizationId, customerId);
                if (email != null) {
                    uniqueness.releaseEmail(organizationId, customerId, email);
                }
                if (externalId != null) {
                    uniqueness.releaseExternalId(organizationId, customerId, externalId);
                }
            }
            erasure.erase(organizationId, customerId, customerName, email, externalId);
            apply(new CustomerErasedEvent(customerId));
        }
        return toResponse();
    }

    @CommandHandler
    CustomerResponse handle(UnarchiveCustomerCommand command, CustomerUniqueness uniqueness,
                            CustomerHierarchy hierarchy) {
        requireOrganization(command.organizationId());
        if (erased) {
            throw new CustomerErasedException(customerId);
        }
        if (archived) {
            hierarchy.unarchive(organizationId, customerId);
            uniqueness.claim(organizationId, customerId, email, externalId);
            apply(new CustomerUnarchivedEvent(customerId));
        }
        return toResponse();
    }

    @CommandHandler
    CustomerResponse handle(ChangeCustomerParentCommand command, CustomerHierarchy hierarchy) {
        requireLive(command.organizationId());
        if (!Objects.equals(command.parentCustomerId(), parentCustomerId)) {
            hierarchy.changeParent(organizationId, customerId, command.parentCustomerId());
            apply(new CustomerParentChangedEvent(customerId, command.parentCustomerId()));
        }
        return toResponse();
    }

    @CommandHandler
    ContactResponse handle(AddContactCommand command) {
        requireLive(command.organizationId());
        if (contacts.size() >= MAX_CONTACTS) {
            throw new ContactLimitReachedException(MAX_CONTACTS);
        }
        ContactDetails details = ContactValidation.normalise(command.details(), phoneRegion());
        requireUniqueContactEmail(command.contactId(), details.email());
        apply(new ContactAddedEvent(customerId, command.contactId(), details));
        return contact(command.contactId()).toResponse(customerId);
    }

    @CommandHandler
    ContactResponse handle(UpdateContactCommand command) {
        requireLive(command.organizationId());
        Contact contact = contact(command.contactId());
        FieldChecks checks = new FieldChecks();
        ContactDetails patched = MergePatch.apply(contact.details(), command.mergePatch(), ContactDetails.class,
                Set.of(), checks);
        ContactDetails next = checks.check(() -> ContactValidation.normalise(patched, phoneRegion()));
        checks.throwIfFailed();
        if (!next.equals(contact.details())) {
            requireUniqueContactEmail(command.contactId(), next.email());
            apply(new ContactUpdatedEvent(customerId, command.contactId(), next));
        }
        return contact.toResponse(customerId);
    }

    @CommandHandler
    void handle(RemoveContactCommand command) {
        requireLive(command.organizationId());
        apply(new ContactRemovedEvent(customerId, contact(command.contactId()).contactId()));
    }

    private Contact contact(String contactId) {
        return contacts.stream().filter(contact -> contact.contactId().equals(contactId)).findFirst()
                .orElseThrow(() -> new ContactNotFoundException(contactId));
    }

    private void requireUniqueContactEmail(String contactId, String contactEmail) {
        String key = FieldRules.emailKey(contactEmail);
        boolean taken = contacts.stream().anyMatch(other -> !other.contactId().equals(contactId)
                && FieldRules.emailKey(other.details().email()).equals(key));
        if (taken) {
            throw new ContactEmailAlreadyExistsException(contactEmail);
        }
    }

    private String phoneRegion() {
        return address == null ? null : address.country();
    }

    /** The customer exists in the caller's organization and is not archived: it may be changed. */
    private void requireLive(String callerOrganizationId) {
        requireOrganization(callerOrganizationId);
        if (erased) {
            throw new CustomerErasedException(customerId);
        }
        if (archived) {
            throw new CustomerArchivedException(customerId);
        }
    }

    /** Another organization's customer behaves as if it did not exist. */
    private void requireOrganization(String callerOrganizationId) {
        if (!organizationId.equals(callerOrganizationId)) {
            throw new CustomerNotFoundException(customerId);
        }
    }

    private CustomerDetails details() {
        return new CustomerDetails(customerName, externalId, email, phoneNumber, address, shipToAddress, taxInfo,
                customData, communicationsEnabled, autoChargeEnabled, businessEntityId, connector);
    }

    private CustomerResponse toResponse() {
        return new CustomerResponse(customerId, customerName, externalId, email, phoneNumber, address, shipToAddress,
                taxInfo, customData, taxExempt, communicationsEnabled, autoChargeEnabled, businessEntityId, connector,
                parentCustomerId, contacts.stream().map(contact -> contact.toResponse(customerId)).toList(), archived,
                erased, createdAt, updatedAt, version);
    }

    @EventSourcingHandler
    void on(CustomerCreatedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        CustomerDetails details = event.details();
        customerId = event.customerId();
        organizationId = event.organizationId();
        customerName = details.customerName();
        externalId = details.externalId();
        email = details.email();
        phoneNumber = details.phoneNumber();
        address = details.address();
        shipToAddress = details.shipToAddress();
        taxInfo = details.taxInfo();
        customData = details.customData();
        taxExempt = event.taxExempt();
        communicationsEnabled = details.communicationsEnabled();
        autoChargeEnabled = details.autoChargeEnabled();
        businessEntityId = details.businessEntityId();
        connector = details.connector();
        parentCustomerId = event.parentCustomerId();
        createdAt = timestamp.truncatedTo(ChronoUnit.MILLIS);
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerRenamedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        customerName = event.customerName();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerEmailChangedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        email = event.email();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerExternalIdChangedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        externalId = event.externalId();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerPhoneNumberChangedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        phoneNumber = event.phoneNumber();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerBillingAddressChangedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        address = event.address();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerShippingAddressChangedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        shipToAddress = event.shipToAddress();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerTaxInfoChangedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        taxInfo = event.taxInfo();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerCustomDataChangedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        customData = event.customData();
        taxExempt = event.taxExempt();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerCommunicationsChangedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        communicationsEnabled = event.communicationsEnabled();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerAutoChargeChangedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        autoChargeEnabled = event.autoChargeEnabled();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerBusinessEntityChangedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        businessEntityId = event.businessEntityId();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerConnectorChangedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        connector = event.connector();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerArchivedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        archived = true;
        touched(timestamp, sequence);
    }

    /** Whatever the earlier events read as (values, or their placeholders after the key is gone), none is kept. */
    @EventSourcingHandler
    void on(CustomerErasedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        customerName = ErasedCustomer.PLACEHOLDER;
        externalId = null;
        email = null;
        phoneNumber = null;
        address = null;
        shipToAddress = null;
        taxInfo = List.of();
        customData = null;
        taxExempt = false;
        connector = null;
        contacts = new ArrayList<>();
        archived = true;
        erased = true;
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerUnarchivedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        archived = false;
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(CustomerParentChangedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        parentCustomerId = event.parentCustomerId();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(ContactAddedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        contacts.add(new Contact(event.contactId(), event.details(), timestamp));
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(ContactUpdatedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(ContactRemovedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        contacts.removeIf(contact -> contact.contactId().equals(event.contactId()));
        touched(timestamp, sequence);
    }

    /** Every event moves the customer's version (its event count) and last update time. */
    private void touched(Instant timestamp, long sequence) {
        updatedAt = timestamp.truncatedTo(ChronoUnit.MILLIS);
        version = sequence + 1;
    }
}
