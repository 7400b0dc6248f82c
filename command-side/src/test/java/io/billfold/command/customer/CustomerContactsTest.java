package io.billfold.command.customer;

import static io.billfold.command.customer.CustomerMatchers.billfoldError;
import static io.billfold.command.customer.CustomerMatchers.contactResponse;
import static io.billfold.command.RuleMatchers.error;
import static io.billfold.command.customer.CustomerMatchers.response;
import static io.billfold.command.RuleMatchers.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
import io.billfold.api.customer.CustomerArchivedEvent;
import io.billfold.api.customer.CustomerArchivedException;
import io.billfold.api.customer.CustomerBillingAddressChangedEvent;
import io.billfold.api.customer.CustomerCreatedEvent;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.api.customer.UpdateCustomerCommand;
import io.billfold.api.error.ErrorKind;
import io.billfold.command.CustomerWallets;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The secondary contacts of a customer: entities of the aggregate, added, patched and removed through it. */
class CustomerContactsTest {

    /** No wallet of the customer holds credit (archiving with credit is tested end to end). */
    private static final CustomerWallets NO_WALLET_CREDIT = customerId -> {
    };

    private static final String ORG = "org_acme";
    private static final String OTHER_ORG = "org_rival";
    private static final String ID = "cus_1";
    private static final String ADA_ID = "con_ada";
    private static final String GRACE_ID = "con_grace";
    private static final String NEW_ID = "con_new";

    private static final Instant CREATED = Instant.parse("2025-03-01T09:00:00.123Z");
    private static final Instant LATER = Instant.parse("2025-03-02T10:30:00.456Z");

    private static final CustomerDetails CUSTOMER = new CustomerDetailsBuilder().customerName("Acme Ltd")
            .address(new Address("1 High St", null, null, "London", null, "EC1A 1BB", "GB"))
            .communicationsEnabled(true).autoChargeEnabled(false).taxInfo().build();

    /** Normalised contacts, as their added events carry them. */
    private static final ContactDetails ADA = new ContactDetails("Ada", "Lovelace", "ada@acme.example",
            "+442079460958", "Finance", List.of("invoices"), "to");
    private static final ContactDetails GRACE = new ContactDetails("Grace", "Hopper", "grace@acme.example", null,
            null, List.of(), "cc");

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(new InMemoryCustomerUniqueness());
        fixture.registerInjectableResource(new InMemoryCustomerHierarchy());
        fixture.registerInjectableResource(NO_WALLET_CREDIT);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // add
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class Add {

        @Test
        void emitsTheNormalisedAddedEvent() {
            ContactDetails raw = new ContactDetails("  Ada ", " Lovelace ", " Ada@Acme.example ", "020 7946 0958",
                    " Finance ", List.of("invoices", "statements", "invoices"), "bcc");

            givenCustomer()
                    .when(add(NEW_ID, raw))
                    .expectEvents(new ContactAddedEvent(ID, NEW_ID, new ContactDetails("Ada", "Lovelace",
                            "Ada@Acme.example", "+442079460958", "Finance", List.of("invoices", "statements"), "bcc")));
        }

        @Test
        void returnsTheNewContact() {
            givenCustomer()
                    .andGivenCurrentTime(LATER)
                    .when(add(NEW_ID, ADA))
                    .expectResultMessagePayloadMatching(contactResponse(contact -> {
                        assertThat(contact).usingRecursiveComparison().ignoringFields("createdAt", "updatedAt")
                                .isEqualTo(new ContactResponse(NEW_ID, ID, "Ada", "Lovelace", "ada@acme.example",
                                        "+442079460958", "Finance", List.of("invoices"), "to", null, null));
                        assertThat(contact.createdAt()).isEqualTo(LATER);
                        assertThat(contact.updatedAt()).isEqualTo(LATER);
                    }));
        }

        @Test
        void defaultsToNoCommunicationsAndDeliveryTo() {
            givenCustomer()
                    .when(add(NEW_ID, emailOnly("ada@acme.example")))
                    .expectEvents(new ContactAddedEvent(ID, NEW_ID,
                            new ContactDetails(null, null, "ada@acme.example", null, null, List.of(), "to")));
        }

        @Test
        void readsANationalPhoneNumberInTheCurrentBillingCountry() {
            givenCustomer()
                    .andGiven(new CustomerBillingAddressChangedEvent(ID,
                            new Address(null, null, null, "Mountain View", "CA", null, "US")))
                    .when(add(NEW_ID, new ContactDetails(null, null, "ada@acme.example", "(650) 253-0000", null,
                            null, null)))
                    .expectEvents(new ContactAddedEvent(ID, NEW_ID,
                            new ContactDetails(null, null, "ada@acme.example", "+16502530000", null, List.of(), "to")));
        }

        @Test
        void refusesANationalPhoneNumberWhenTheCustomerHasNoBillingAddress() {
            givenCustomer()
                    .andGiven(new CustomerBillingAddressChangedEvent(ID, null))
                    .when(add(NEW_ID, new ContactDetails(null, null, "ada@acme.example", "020 7946 0958", null,
                            null, null)))
                    .expectException(validationFailure(error("phone_number", "invalid_phone_number")))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingEmail() {
            givenCustomer()
                    .when(add(NEW_ID, new ContactDetails("Ada", null, null, null, null, null, null)))
                    .expectException(validationFailure(error("email", "required")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnInvalidEmail() {
            givenCustomer()
                    .when(add(NEW_ID, emailOnly("ada@acme")))
                    .expectException(validationFailure(error("email", "invalid_email")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownCommunicationUnderItsIndex() {
            givenCustomer()
                    .when(add(NEW_ID, new ContactDetails(null, null, "ada@acme.example", null, null,
                            List.of("invoices", "newsletters"), null)))
                    .expectException(validationFailure(error("communications[1]", "invalid_communication")))
                    .expectNoEvents();
        }

        @Test
        void refusesANullCommunication() {
            givenCustomer()
                    .when(add(NEW_ID, new ContactDetails(null, null, "ada@acme.example", null, null,
                            Arrays.asList(null, "invoices"), null)))
                    .expectException(validationFailure(error("communications[0]", "invalid_communication")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnInvalidDelivery() {
            givenCustomer()
                    .when(add(NEW_ID, new ContactDetails(null, null, "ada@acme.example", null, null, null,
                            "reply_to")))
                    .expectException(validationFailure(error("delivery", "invalid_value")))
                    .expectNoEvents();
        }

        @Test
        void listsEveryInvalidFieldAtOnce() {
            givenCustomer()
                    .when(add(NEW_ID, new ContactDetails(" ", null, null, "12", null,
                            List.of("statements", "faxes"), "fax")))
                    .expectException(validationFailure(
                            error("first_name", "blank"),
                            error("email", "required"),
                            error("phone_number", "invalid_phone_number"),
                            error("communications[1]", "invalid_communication"),
                            error("delivery", "invalid_value")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnEmailAnotherContactUsesIgnoringCase() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .when(add(NEW_ID, emailOnly("ADA@acme.Example")))
                    .expectException(ContactEmailAlreadyExistsException.class)
                    .expectException(billfoldError(ErrorKind.CONFLICT, "contact_email_exists"))
                    .expectExceptionMessage("Another contact of this customer already uses the email ADA@acme.Example")
                    .expectNoEvents();
        }

        @Test
        void acceptsTheFiftiethContact() {
            givenCustomerWith(contacts(Customer.MAX_CONTACTS - 1))
                    .when(add(NEW_ID, ADA))
                    .expectEvents(new ContactAddedEvent(ID, NEW_ID, ADA));
        }

        @Test
        void refusesTheFiftyFirstContact() {
            givenCustomerWith(contacts(Customer.MAX_CONTACTS))
                    .when(add(NEW_ID, ADA))
                    .expectException(ContactLimitReachedException.class)
                    .expectException(billfoldError(ErrorKind.CONFLICT, "contact_limit_reached"))
                    .expectExceptionMessage("A customer has at most 50 contacts")
                    .expectNoEvents();
        }

        @Test
        void acceptsAContactAgainOnceOneOfFiftyIsRemoved() {
            givenCustomerWith(contacts(Customer.MAX_CONTACTS))
                    .andGiven(new ContactRemovedEvent(ID, "con_7"))
                    .when(add(NEW_ID, ADA))
                    .expectEvents(new ContactAddedEvent(ID, NEW_ID, ADA));
        }

        @Test
        void refusesAnArchivedCustomer() {
            givenCustomer()
                    .andGiven(new CustomerArchivedEvent(ID))
                    .when(add(NEW_ID, ADA))
                    .expectException(CustomerArchivedException.class)
                    .expectException(billfoldError(ErrorKind.CONFLICT, "customer_archived"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnotherOrganizationAsIfTheCustomerDidNotExist() {
            givenCustomer()
                    .when(new AddContactCommand(ID, OTHER_ORG, NEW_ID, ADA))
                    .expectException(CustomerNotFoundException.class)
                    .expectException(billfoldError(ErrorKind.NOT_FOUND, "customer_not_found"))
                    .expectNoEvents();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // update (JSON merge patch)
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class Update {

        @Test
        void changesTheGivenFieldsAndEmitsTheWholeNewDetails() {
            ContactDetails expected = new ContactDetails("Augusta Ada", "Lovelace", "ada@acme.example",
                    "+16502530000", "Finance", List.of("invoices"), "cc");

            givenCustomerWith(contact(ADA_ID, ADA))
                    .andGivenCurrentTime(LATER)
                    .when(update(ADA_ID, "{\"first_name\": \" Augusta Ada \", \"delivery\": \"cc\","
                            + " \"phone_number\": \"+1 650 253 0000\"}"))
                    .expectEvents(new ContactUpdatedEvent(ID, ADA_ID, expected))
                    .expectResultMessagePayloadMatching(contactResponse(contact -> {
                        assertThat(contact.id()).isEqualTo(ADA_ID);
                        assertThat(contact.firstName()).isEqualTo("Augusta Ada");
                        assertThat(contact.phoneNumber()).isEqualTo("+16502530000");
                        assertThat(contact.delivery()).isEqualTo("cc");
                        assertThat(contact.createdAt()).isEqualTo(CREATED);
                        assertThat(contact.updatedAt()).isEqualTo(LATER);
                    }));
        }

        @Test
        void clearsAnOptionalFieldWithNull() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .when(update(ADA_ID, "{\"label\": null}"))
                    .expectEvents(new ContactUpdatedEvent(ID, ADA_ID, new ContactDetails("Ada", "Lovelace",
                            "ada@acme.example", "+442079460958", null, List.of("invoices"), "to")));
        }

        @Test
        void replacesTheCommunicationsList() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .when(update(ADA_ID, "{\"communications\": [\"statements\", \"credit_notes\", \"statements\"]}"))
                    .expectEvents(new ContactUpdatedEvent(ID, ADA_ID, new ContactDetails("Ada", "Lovelace",
                            "ada@acme.example", "+442079460958", "Finance", List.of("statements", "credit_notes"),
                            "to")));
        }

        @Test
        void resetsTheDeliveryToToWhenCleared() {
            givenCustomerWith(contact(GRACE_ID, GRACE))
                    .when(update(GRACE_ID, "{\"delivery\": null}"))
                    .expectEvents(new ContactUpdatedEvent(ID, GRACE_ID, new ContactDetails("Grace", "Hopper",
                            "grace@acme.example", null, null, List.of(), "to")));
        }

        @Test
        void anEmptyPatchEmitsNothing() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .when(update(ADA_ID, "{}"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(contactResponse(contact ->
                            assertThat(contact.email()).isEqualTo(ADA.email())));
        }

        @Test
        void aPatchRepeatingTheCurrentValuesEmitsNothing() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .when(update(ADA_ID, "{\"first_name\": \" Ada \", \"phone_number\": \"020 7946 0958\","
                            + " \"communications\": [\"invoices\", \"invoices\"], \"delivery\": \"to\"}"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownField() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .when(update(ADA_ID, "{\"nickname\": \"Ada\"}"))
                    .expectException(validationFailure(error("nickname", "unknown_field")))
                    .expectNoEvents();
        }

        @Test
        void refusesToClearTheEmail() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .when(update(ADA_ID, "{\"email\": null}"))
                    .expectException(validationFailure(error("email", "required")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownCommunicationUnderItsIndex() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .when(update(ADA_ID, "{\"communications\": [\"usage_alerts\", \"wallet_alerts\", \"memes\"]}"))
                    .expectException(validationFailure(error("communications[2]", "invalid_communication")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnEmailAnotherContactUsesIgnoringCase() {
            givenCustomerWith(contact(ADA_ID, ADA), contact(GRACE_ID, GRACE))
                    .when(update(GRACE_ID, "{\"email\": \"Ada@ACME.example\"}"))
                    .expectException(ContactEmailAlreadyExistsException.class)
                    .expectExceptionMessage("Another contact of this customer already uses the email Ada@ACME.example")
                    .expectNoEvents();
        }

        @Test
        void allowsItsOwnEmailInAnotherCase() {
            givenCustomerWith(contact(ADA_ID, ADA), contact(GRACE_ID, GRACE))
                    .when(update(ADA_ID, "{\"email\": \"ADA@acme.example\"}"))
                    .expectEvents(new ContactUpdatedEvent(ID, ADA_ID, new ContactDetails("Ada", "Lovelace",
                            "ADA@acme.example", "+442079460958", "Finance", List.of("invoices"), "to")));
        }

        @Test
        void leavesTheOtherContactsUntouched() {
            ContactDetails renamed = new ContactDetails("Augusta Ada", "Lovelace", "ada@acme.example",
                    "+442079460958", "Finance", List.of("invoices"), "to");

            givenCustomerWith(contact(ADA_ID, ADA), contact(GRACE_ID, GRACE))
                    .andGiven(new ContactUpdatedEvent(ID, ADA_ID, renamed))
                    .when(new UpdateCustomerCommand(ID, ORG, "{}"))
                    .expectResultMessagePayloadMatching(response(customer ->
                            assertThat(customer.contacts()).extracting(ContactResponse::id, ContactResponse::firstName)
                                    .containsExactly(
                                            tuple(ADA_ID, "Augusta Ada"), tuple(GRACE_ID, "Grace"))));
        }

        @Test
        void refusesAnUnknownContact() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .when(update("con_unknown", "{\"label\": \"Ops\"}"))
                    .expectException(ContactNotFoundException.class)
                    .expectException(billfoldError(ErrorKind.NOT_FOUND, "contact_not_found"))
                    .expectExceptionMessage("No contact con_unknown")
                    .expectNoEvents();
        }

        @Test
        void refusesAnArchivedCustomer() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .andGiven(new CustomerArchivedEvent(ID))
                    .when(update(ADA_ID, "{\"label\": \"Ops\"}"))
                    .expectException(CustomerArchivedException.class)
                    .expectNoEvents();
        }

        @Test
        void refusesAnotherOrganizationAsIfTheCustomerDidNotExist() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .when(new UpdateContactCommand(ID, OTHER_ORG, ADA_ID, "{\"label\": \"Ops\"}"))
                    .expectException(CustomerNotFoundException.class)
                    .expectNoEvents();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // remove
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class Remove {

        @Test
        void removesTheContact() {
            givenCustomerWith(contact(ADA_ID, ADA), contact(GRACE_ID, GRACE))
                    .when(remove(ADA_ID))
                    .expectEvents(new ContactRemovedEvent(ID, ADA_ID));
        }

        @Test
        void refusesAnUnknownContact() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .when(remove("con_unknown"))
                    .expectException(ContactNotFoundException.class)
                    .expectExceptionMessage("No contact con_unknown")
                    .expectNoEvents();
        }

        @Test
        void aRemovedContactCanNoLongerBeUpdated() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .andGiven(new ContactRemovedEvent(ID, ADA_ID))
                    .when(update(ADA_ID, "{\"label\": \"Ops\"}"))
                    .expectException(ContactNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void aRemovedContactCannotBeRemovedAgain() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .andGiven(new ContactRemovedEvent(ID, ADA_ID))
                    .when(remove(ADA_ID))
                    .expectException(ContactNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void freesTheEmailOfTheRemovedContact() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .andGiven(new ContactRemovedEvent(ID, ADA_ID))
                    .when(add(NEW_ID, ADA))
                    .expectEvents(new ContactAddedEvent(ID, NEW_ID, ADA));
        }

        @Test
        void refusesAnArchivedCustomer() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .andGiven(new CustomerArchivedEvent(ID))
                    .when(remove(ADA_ID))
                    .expectException(CustomerArchivedException.class)
                    .expectNoEvents();
        }

        @Test
        void refusesAnotherOrganizationAsIfTheCustomerDidNotExist() {
            givenCustomerWith(contact(ADA_ID, ADA))
                    .when(new RemoveContactCommand(ID, OTHER_ORG, ADA_ID))
                    .expectException(CustomerNotFoundException.class)
                    .expectNoEvents();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the customer around its contacts
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class CustomerVersion {

        @Test
        void movesWithEveryContactEvent() {
            givenCustomerWith(contact(ADA_ID, ADA), contact(GRACE_ID, GRACE))
                    .andGivenCurrentTime(LATER)
                    .andGiven(new ContactUpdatedEvent(ID, GRACE_ID, GRACE), new ContactRemovedEvent(ID, ADA_ID))
                    .when(new UpdateCustomerCommand(ID, ORG, "{}"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.version()).isEqualTo(5);
                        assertThat(customer.createdAt()).isEqualTo(CREATED);
                        assertThat(customer.updatedAt()).isEqualTo(LATER);
                        assertThat(customer.contacts()).extracting(ContactResponse::id).containsExactly(GRACE_ID);
                    }));
        }

        @Test
        void listsTheContactsInTheOrderTheyWereAdded() {
            givenCustomerWith(contact(GRACE_ID, GRACE), contact(ADA_ID, ADA))
                    .when(new UpdateCustomerCommand(ID, ORG, "{}"))
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.version()).isEqualTo(3);
                        assertThat(customer.contacts()).extracting(ContactResponse::id)
                                .containsExactly(GRACE_ID, ADA_ID);
                    }));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------------

    /** The customer, with a billing address in Great Britain, created at {@link #CREATED}. */
    private TestExecutor<Customer> givenCustomer() {
        return givenCustomerWith();
    }

    /** The customer and then these contact events, all at {@link #CREATED}. */
    private TestExecutor<Customer> givenCustomerWith(Object... contactEvents) {
        return givenCustomerWith(Arrays.asList(contactEvents));
    }

    private TestExecutor<Customer> givenCustomerWith(List<?> contactEvents) {
        List<Object> events = new ArrayList<>();
        events.add(new CustomerCreatedEvent(ID, ORG, CUSTOMER, false, null));
        events.addAll(contactEvents);
        return fixture.givenCurrentTime(CREATED).andGiven(events);
    }

    private static ContactAddedEvent contact(String contactId, ContactDetails details) {
        return new ContactAddedEvent(ID, contactId, details);
    }

    /** {@code count} added contacts, {@code con_1} to {@code con_<count>}, with distinct emails. */
    private static List<ContactAddedEvent> contacts(int count) {
        List<ContactAddedEvent> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(contact("con_" + i, new ContactDetails(null, null, "contact" + i + "@acme.example", null,
                    null, List.of(), "to")));
        }
        return events;
    }

    private static ContactDetails emailOnly(String email) {
        return new ContactDetails(null, null, email, null, null, null, null);
    }

    private static AddContactCommand add(String contactId, ContactDetails details) {
        return new AddContactCommand(ID, ORG, contactId, details);
    }

    private static UpdateContactCommand update(String contactId, String mergePatch) {
        return new UpdateContactCommand(ID, ORG, contactId, mergePatch);
    }

    private static RemoveContactCommand remove(String contactId) {
        return new RemoveContactCommand(ID, ORG, contactId);
    }
}
