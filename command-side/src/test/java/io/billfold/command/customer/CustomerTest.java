package io.billfold.command.customer;

import static io.billfold.command.customer.CustomerMatchers.billfoldError;
import static io.billfold.command.RuleMatchers.error;
import static io.billfold.command.customer.CustomerMatchers.response;
import static io.billfold.command.RuleMatchers.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.billfold.api.contact.AddContactCommand;
import io.billfold.api.contact.ContactAddedEvent;
import io.billfold.api.contact.ContactDetails;
import io.billfold.api.customer.Address;
import io.billfold.api.customer.ArchiveCustomerCommand;
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
import io.billfold.api.customer.CustomerExternalIdChangedEvent;
import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.api.customer.CustomerPhoneNumberChangedEvent;
import io.billfold.api.customer.CustomerRenamedEvent;
import io.billfold.api.customer.CustomerShippingAddressChangedEvent;
import io.billfold.api.customer.CustomerTaxInfoChangedEvent;
import io.billfold.api.customer.CustomerUnarchivedEvent;
import io.billfold.api.customer.EmailAlreadyInUseException;
import io.billfold.api.customer.EraseCustomerCommand;
import io.billfold.api.customer.ExternalIdAlreadyInUseException;
import io.billfold.api.customer.TaxIdentifier;
import io.billfold.api.customer.UnarchiveCustomerCommand;
import io.billfold.api.customer.UpdateCustomerCommand;
import io.billfold.api.error.ErrorKind;
import io.billfold.command.CustomerWallets;
import io.billfold.api.wallet.WalletBalanceNotZeroException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The customer aggregate, driven through Axon's test fixture with an in-memory {@link CustomerUniqueness} so that the
 * organization-wide uniqueness of email and external_id is really exercised. The hierarchy and contacts have their
 * own tests ({@link CustomerHierarchyTest}, {@link CustomerContactsTest}).
 */
class CustomerTest {

    /** No wallet of the customer holds credit (archiving with credit is tested end to end). */
    private static final CustomerWallets NO_WALLET_CREDIT = customerId -> {
    };

    private static final String ORG = "org_acme";
    private static final String OTHER_ORG = "org_rival";
    private static final String ID = "cus_1";
    private static final String OTHER_ID = "cus_2";

    private static final String EMAIL = "billing@acme.example";
    private static final String EXTERNAL_ID = "ext-1";
    private static final Address BILLING_ADDRESS =
            new Address("1 High St", null, null, "London", null, "EC1A 1BB", "GB");
    private static final TaxIdentifier GERMAN_VAT = new TaxIdentifier("DE", "EU_VAT", "DE123456789");
    private static final String CUSTOM_DATA = "{\"tier\":\"gold\",\"region\":\"emea\"}";

    /** The normalised details of the customer most update, archive and unarchive tests start from. */
    private static final CustomerDetails EXISTING = new CustomerDetails("Acme Ltd", EXTERNAL_ID, EMAIL,
            "+442079460958", BILLING_ADDRESS, null, List.of(GERMAN_VAT), CUSTOM_DATA, true, false, "be_1",
            new Connector("hubspot", "hs-1"));

    private FixtureConfiguration<Customer> fixture;
    private InMemoryCustomerUniqueness uniqueness;
    private InMemoryCustomerHierarchy hierarchy;
    private CustomerWallets wallets = NO_WALLET_CREDIT;
    /** Each erasure the aggregate asked for: its customer id and the values it named. */
    private final List<List<String>> erasures = new ArrayList<>();

    @BeforeEach
    void setUp() {
        uniqueness = new InMemoryCustomerUniqueness();
        hierarchy = new InMemoryCustomerHierarchy();
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(uniqueness);
        fixture.registerInjectableResource(hierarchy);
        fixture.registerInjectableResource((CustomerWallets) customerId -> wallets.requireEmpty(customerId));
        fixture.registerInjectableResource((CustomerErasure) (organizationId, customerId, name, email, externalId) ->
                erasures.add(Arrays.asList(organizationId, customerId, name, email, externalId)));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // create
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class Create {

        @Test
        void emitsTheNormalisedCreatedEvent() {
            CustomerDetails raw = new CustomerDetails("  Acme Ltd  ", " ext-1 ", " Billing@Acme.example ",
                    "+44 20 7946 0958",
                    new Address(" 1 High St ", null, null, " London ", null, " EC1A 1BB ", "gbr"),
                    new Address("Unit 4", "Dock Rd", null, "Leeds", null, "LS1 1AA", "FRA"),
                    List.of(new TaxIdentifier(null, "eu_vat", " de 123.456-789 ")),
                    "{ \"tier\" : \"gold\",\n  \"seats\" : [ 1, 2 ] }",
                    null, null, " be_1 ", new Connector(" hubspot ", " hs-1 "));

            CustomerDetails normalised = new CustomerDetails("Acme Ltd", "ext-1", "Billing@Acme.example",
                    "+442079460958", new Address("1 High St", null, null, "London", null, "EC1A 1BB", "GB"),
                    new Address("Unit 4", "Dock Rd", null, "Leeds", null, "LS1 1AA", "FR"),
                    List.of(new TaxIdentifier("DE", "EU_VAT", "DE123456789")),
                    "{\"tier\":\"gold\",\"seats\":[1,2]}",
                    true, false, "be_1", new Connector("hubspot", "hs-1"));

            fixture.givenNoPriorActivity()
                    .when(new CreateCustomerCommand(ID, ORG, raw, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new CustomerCreatedEvent(ID, ORG, normalised, false, null));
        }

        @Test
        void returnsTheNewCustomerAtVersionOne() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").email(EMAIL).customData("{\"exempt_tax\":true}").build()))
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.id()).isEqualTo(ID);
                        assertThat(customer.customerName()).isEqualTo("Acme Ltd");
                        assertThat(customer.email()).isEqualTo(EMAIL);
                        assertThat(customer.version()).isEqualTo(1);
                        assertThat(customer.taxExempt()).isTrue();
                        assertThat(customer.archived()).isFalse();
                        assertThat(customer.communicationsEnabled()).isTrue();
                        assertThat(customer.autoChargeEnabled()).isFalse();
                        assertThat(customer.taxInfo()).isEmpty();
                        assertThat(customer.createdAt()).isNotNull().isEqualTo(customer.updatedAt());
                        assertThat(customer.createdAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(customer.createdAt());
                    }));
        }

        @Test
        void keepsExplicitCommunicationAndAutoChargeSettings() {
            CustomerDetails raw = named("Acme Ltd").communicationsEnabled(false).autoChargeEnabled(true).build();

            fixture.givenNoPriorActivity()
                    .when(create(raw))
                    .expectEvents(new CustomerCreatedEvent(ID, ORG,
                            new CustomerDetails("Acme Ltd", null, null, null, null, null, List.of(), null, false, true,
                                    null, null),
                            false, null));
        }

        @Test
        void isTaxExemptWhenCustomDataSaysExemptTaxTrue() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").customData("{\"exempt_tax\": true}").build()))
                    .expectEvents(new CustomerCreatedEvent(ID, ORG,
                            normalisedNamed("Acme Ltd").customData("{\"exempt_tax\":true}").build(), true, null));
        }

        @Test
        void isNotTaxExemptWhenExemptTaxIsTheStringTrue() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").customData("{\"exempt_tax\":\"true\"}").build()))
                    .expectEvents(new CustomerCreatedEvent(ID, ORG,
                            normalisedNamed("Acme Ltd").customData("{\"exempt_tax\":\"true\"}").build(), false, null));
        }

        @Test
        void isNotTaxExemptWhenExemptTaxIsOne() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").customData("{\"exempt_tax\":1}").build()))
                    .expectResultMessagePayloadMatching(response(customer -> assertThat(customer.taxExempt()).isFalse()));
        }

        @Test
        void isNotTaxExemptWhenExemptTaxIsNested() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").customData("{\"flags\":{\"exempt_tax\":true}}").build()))
                    .expectResultMessagePayloadMatching(response(customer -> assertThat(customer.taxExempt()).isFalse()));
        }

        @Test
        void claimsTheEmailCaseInsensitivelyAndTheExternalIdInItsOrganization() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").email("Billing@ACME.example").externalId("ext-1").build()))
                    .expectSuccessfulHandlerExecution();

            assertThat(uniqueness.claims()).containsOnly(
                    Map.entry(InMemoryCustomerUniqueness.email(ORG, EMAIL), ID),
                    Map.entry(InMemoryCustomerUniqueness.externalId(ORG, EXTERNAL_ID), ID));
        }

        @Test
        void claimsNothingWithoutEmailOrExternalId() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").build()))
                    .expectSuccessfulHandlerExecution();

            assertThat(uniqueness.claims()).isEmpty();
        }

        @Test
        void refusesAMissingName() {
            fixture.givenNoPriorActivity()
                    .when(create(named(null).build()))
                    .expectException(validationFailure(error("customer_name", "required")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnInvalidEmail() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").email("billing@acme").build()))
                    .expectException(validationFailure(error("email", "invalid_email")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownAddressCountry() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").address(new Address("1 High St", null, null, "London", null,
                            null, "XX")).build()))
                    .expectException(validationFailure(error("address.country", "invalid_country")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnInvalidShipToCountryUnderItsOwnPath() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").shipToAddress(new Address(null, null, null, "Paris", null, null,
                            "FRANCE")).build()))
                    .expectException(validationFailure(error("ship_to_address.country", "invalid_country")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnInvalidTaxId() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").taxInfo(new TaxIdentifier(null, "EU_VAT", "DE12345")).build()))
                    .expectException(validationFailure(error("tax_info[0].tax_id", "invalid_tax_id")))
                    .expectNoEvents();
        }

        @Test
        void refusesATaxIdWhoseCountryCodeDoesNotMatchItsScheme() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").taxInfo(new TaxIdentifier("FR", "EU_VAT", "DE123456789")).build()))
                    .expectException(validationFailure(error("tax_info[0].country_code", "country_mismatch")))
                    .expectNoEvents();
        }

        @Test
        void refusesCustomDataThatIsNotAnObject() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").customData("[\"gold\"]").build()))
                    .expectException(validationFailure(error("custom_data", "not_an_object")))
                    .expectNoEvents();
        }

        @Test
        void refusesCustomDataWithTrailingContent() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").customData("{\"a\":1} {\"b\":2}").build()))
                    .expectException(validationFailure(error("custom_data", "not_an_object")))
                    .expectNoEvents();
        }

        @Test
        void refusesAPhoneNumberWithAnExtension() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").phoneNumber("+44 20 7946 0958 ext. 12").build()))
                    .expectException(validationFailure(error("phone_number", "invalid_phone_number")))
                    .expectNoEvents();
        }

        @Test
        void refusesCustomDataThatIsNotJson() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").customData("{tier: gold").build()))
                    .expectException(validationFailure(error("custom_data", "not_an_object")))
                    .expectNoEvents();
        }

        @Test
        void refusesCustomDataLargerThan16KiB() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").customData(customDataOfBytes(16 * 1024 + 1)).build()))
                    .expectException(validationFailure(error("custom_data", "too_large")))
                    .expectNoEvents();
        }

        @Test
        void acceptsCustomDataOfExactly16KiB() {
            String customData = customDataOfBytes(16 * 1024);

            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").customData(customData).build()))
                    .expectEvents(new CustomerCreatedEvent(ID, ORG,
                            normalisedNamed("Acme Ltd").customData(customData).build(), false, null));
        }

        @Test
        void refusesAnInvalidPhoneNumber() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").phoneNumber("+44 12").build()))
                    .expectException(validationFailure(error("phone_number", "invalid_phone_number")))
                    .expectNoEvents();
        }

        @Test
        void refusesANationalPhoneNumberWithoutAnAddressCountry() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").phoneNumber("020 7946 0958").build()))
                    .expectException(validationFailure(error("phone_number", "invalid_phone_number")))
                    .expectNoEvents();
        }

        @Test
        void readsANationalPhoneNumberInTheBillingAddressCountry() {
            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").phoneNumber("020 7946 0958").address(BILLING_ADDRESS).build()))
                    .expectEvents(new CustomerCreatedEvent(ID, ORG,
                            normalisedNamed("Acme Ltd").phoneNumber("+442079460958").address(BILLING_ADDRESS).build(),
                            false, null));
        }

        @Test
        void listsEveryInvalidFieldAtOnce() {
            CustomerDetails raw = named("  ")
                    .email("not-an-email")
                    .phoneNumber("12")
                    .address(new Address(null, null, null, null, null, null, "ZZZ"))
                    .taxInfo(new TaxIdentifier(null, "EU_VAT", "DE1"), new TaxIdentifier("DE", "GB_VAT", "123"))
                    .customData("42")
                    .connector(new Connector(null, "ref"))
                    .build();

            fixture.givenNoPriorActivity()
                    .when(create(raw))
                    .expectException(validationFailure(
                            error("customer_name", "blank"),
                            error("email", "invalid_email"),
                            error("phone_number", "invalid_phone_number"),
                            error("address.country", "invalid_country"),
                            error("tax_info[0].tax_id", "invalid_tax_id"),
                            error("tax_info[1].tax_code", "invalid_tax_code"),
                            error("custom_data", "not_an_object"),
                            error("connector.name", "required")))
                    .expectNoEvents();
            assertThat(uniqueness.claims()).isEmpty();
        }

        @Test
        void refusesAnEmailAnotherCustomerUsesIgnoringCase() {
            uniqueness.claimEmail(ORG, OTHER_ID, EMAIL);

            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").email("Billing@ACME.example").build()))
                    .expectException(EmailAlreadyInUseException.class)
                    .expectException(billfoldError(ErrorKind.CONFLICT, "email_already_exists"))
                    .expectExceptionMessage("Another customer already uses the email Billing@ACME.example")
                    .expectNoEvents();
            assertThat(uniqueness.emailHolder(ORG, EMAIL)).isEqualTo(OTHER_ID);
        }

        @Test
        void refusesAnExternalIdAnotherCustomerUses() {
            uniqueness.claimExternalId(ORG, OTHER_ID, EXTERNAL_ID);

            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").externalId(" ext-1 ").build()))
                    .expectException(ExternalIdAlreadyInUseException.class)
                    .expectException(billfoldError(ErrorKind.CONFLICT, "external_id_already_exists"))
                    .expectExceptionMessage("Another customer already uses the external_id ext-1")
                    .expectNoEvents();
            assertThat(uniqueness.externalIdHolder(ORG, EXTERNAL_ID)).isEqualTo(OTHER_ID);
        }

        @Test
        void allowsAnExternalIdThatDiffersOnlyInCase() {
            uniqueness.claimExternalId(ORG, OTHER_ID, EXTERNAL_ID);

            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").externalId("EXT-1").build()))
                    .expectSuccessfulHandlerExecution();
            assertThat(uniqueness.externalIdHolder(ORG, "EXT-1")).isEqualTo(ID);
        }

        @Test
        void allowsAnEmailAndExternalIdUsedInAnotherOrganization() {
            uniqueness.claimEmail(OTHER_ORG, OTHER_ID, EMAIL);
            uniqueness.claimExternalId(OTHER_ORG, OTHER_ID, EXTERNAL_ID);

            fixture.givenNoPriorActivity()
                    .when(create(named("Acme Ltd").email(EMAIL).externalId(EXTERNAL_ID).build()))
                    .expectSuccessfulHandlerExecution();
            assertThat(uniqueness.emailHolder(ORG, EMAIL)).isEqualTo(ID);
            assertThat(uniqueness.emailHolder(OTHER_ORG, EMAIL)).isEqualTo(OTHER_ID);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // update (JSON merge patch)
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class Update {

        @Test
        void renamesTheCustomer() {
            givenExisting()
                    .when(patch("{\"customer_name\": \"  Acme Group  \"}"))
                    .expectEvents(new CustomerRenamedEvent(ID, "Acme Group"))
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.customerName()).isEqualTo("Acme Group");
                        assertThat(customer.version()).isEqualTo(2);
                        assertThat(customer.email()).isEqualTo(EMAIL);
                    }));
        }

        @Test
        void refusesToClearTheName() {
            givenExisting()
                    .when(patch("{\"customer_name\": null}"))
                    .expectException(validationFailure(error("customer_name", "required")))
                    .expectNoEvents();
        }

        @Test
        void refusesABlankName() {
            givenExisting()
                    .when(patch("{\"customer_name\": \"   \"}"))
                    .expectException(validationFailure(error("customer_name", "blank")))
                    .expectNoEvents();
        }

        @Test
        void changesTheEmailClaimingTheNewOneAndReleasingTheOld() {
            givenExisting()
                    .when(patch("{\"email\": \"accounts@acme.example\"}"))
                    .expectEvents(new CustomerEmailChangedEvent(ID, "accounts@acme.example"))
                    .expectResultMessagePayloadMatching(response(customer ->
                            assertThat(customer.email()).isEqualTo("accounts@acme.example")));

            assertThat(uniqueness.emailHolder(ORG, "accounts@acme.example")).isEqualTo(ID);
            assertThat(uniqueness.emailHolder(ORG, EMAIL)).isNull();
        }

        @Test
        void changesOnlyTheCaseOfTheEmailKeepingItsClaim() {
            givenExisting()
                    .when(patch("{\"email\": \"Billing@ACME.example\"}"))
                    .expectEvents(new CustomerEmailChangedEvent(ID, "Billing@ACME.example"));

            assertThat(uniqueness.claims()).containsOnly(
                    Map.entry(InMemoryCustomerUniqueness.email(ORG, EMAIL), ID),
                    Map.entry(InMemoryCustomerUniqueness.externalId(ORG, EXTERNAL_ID), ID));
            assertThat(uniqueness.calls()).noneMatch(call -> call.startsWith("releaseEmail"));
        }

        @Test
        void clearsTheEmailReleasingIt() {
            givenExisting()
                    .when(patch("{\"email\": null}"))
                    .expectEvents(new CustomerEmailChangedEvent(ID, null));

            assertThat(uniqueness.emailHolder(ORG, EMAIL)).isNull();
        }

        @Test
        void setsAnEmailOnACustomerThatHadNone() {
            givenCustomer(normalisedNamed("Acme Ltd").build())
                    .when(patch("{\"email\": \"billing@acme.example\"}"))
                    .expectEvents(new CustomerEmailChangedEvent(ID, EMAIL));

            assertThat(uniqueness.emailHolder(ORG, EMAIL)).isEqualTo(ID);
        }

        @Test
        void refusesAnEmailAnotherCustomerUses() {
            uniqueness.claimEmail(ORG, OTHER_ID, "accounts@acme.example");

            givenExisting()
                    .when(patch("{\"email\": \"ACCOUNTS@acme.example\"}"))
                    .expectException(EmailAlreadyInUseException.class)
                    .expectNoEvents();

            assertThat(uniqueness.emailHolder(ORG, EMAIL)).isEqualTo(ID);
            assertThat(uniqueness.emailHolder(ORG, "accounts@acme.example")).isEqualTo(OTHER_ID);
        }

        @Test
        void refusesAnInvalidEmail() {
            givenExisting()
                    .when(patch("{\"email\": \"billing@@acme.example\"}"))
                    .expectException(validationFailure(error("email", "invalid_email")))
                    .expectNoEvents();
        }

        @Test
        void changesTheExternalIdClaimingTheNewOneAndReleasingTheOld() {
            givenExisting()
                    .when(patch("{\"external_id\": \"ext-2\"}"))
                    .expectEvents(new CustomerExternalIdChangedEvent(ID, "ext-2"));

            assertThat(uniqueness.externalIdHolder(ORG, "ext-2")).isEqualTo(ID);
            assertThat(uniqueness.externalIdHolder(ORG, EXTERNAL_ID)).isNull();
        }

        @Test
        void clearsTheExternalIdReleasingIt() {
            givenExisting()
                    .when(patch("{\"external_id\": null}"))
                    .expectEvents(new CustomerExternalIdChangedEvent(ID, null));

            assertThat(uniqueness.externalIdHolder(ORG, EXTERNAL_ID)).isNull();
        }

        @Test
        void refusesAnExternalIdAnotherCustomerUses() {
            uniqueness.claimExternalId(ORG, OTHER_ID, "ext-2");

            givenExisting()
                    .when(patch("{\"external_id\": \"ext-2\"}"))
                    .expectException(ExternalIdAlreadyInUseException.class)
                    .expectExceptionMessage("Another customer already uses the external_id ext-2")
                    .expectNoEvents();

            assertThat(uniqueness.externalIdHolder(ORG, EXTERNAL_ID)).isEqualTo(ID);
        }

        @Test
        void changesThePhoneNumberToE164() {
            givenExisting()
                    .when(patch("{\"phone_number\": \"+1 (650) 253-0000\"}"))
                    .expectEvents(new CustomerPhoneNumberChangedEvent(ID, "+16502530000"));
        }

        @Test
        void readsANationalPhoneNumberInTheStoredAddressCountry() {
            givenExisting()
                    .when(patch("{\"phone_number\": \"020 7946 0000\"}"))
                    .expectEvents(new CustomerPhoneNumberChangedEvent(ID, "+442079460000"));
        }

        @Test
        void clearsThePhoneNumber() {
            givenExisting()
                    .when(patch("{\"phone_number\": null}"))
                    .expectEvents(new CustomerPhoneNumberChangedEvent(ID, null));
        }

        @Test
        void refusesAnInvalidPhoneNumber() {
            givenExisting()
                    .when(patch("{\"phone_number\": \"not a number\"}"))
                    .expectException(validationFailure(error("phone_number", "invalid_phone_number")))
                    .expectNoEvents();
        }

        @Test
        void mergesANestedAddressPatchWithTheExistingAddress() {
            givenExisting()
                    .when(patch("{\"address\": {\"line2\": \" Floor 3 \", \"zip_code\": \"EC1A 1AA\"}}"))
                    .expectEvents(new CustomerBillingAddressChangedEvent(ID,
                            new Address("1 High St", "Floor 3", null, "London", null, "EC1A 1AA", "GB")));
        }

        @Test
        void removesOneAddressMemberWithNull() {
            givenExisting()
                    .when(patch("{\"address\": {\"zip_code\": null}}"))
                    .expectEvents(new CustomerBillingAddressChangedEvent(ID,
                            new Address("1 High St", null, null, "London", null, null, "GB")));
        }

        @Test
        void normalisesAnAlpha3CountryInAnAddressPatch() {
            givenExisting()
                    .when(patch("{\"address\": {\"country\": \"irl\"}}"))
                    .expectEvents(new CustomerBillingAddressChangedEvent(ID,
                            new Address("1 High St", null, null, "London", null, "EC1A 1BB", "IE")));
        }

        @Test
        void clearsTheBillingAddress() {
            givenExisting()
                    .when(patch("{\"address\": null}"))
                    .expectEvents(new CustomerBillingAddressChangedEvent(ID, null));
        }

        @Test
        void clearsTheBillingAddressWhenEveryMemberIsRemoved() {
            givenExisting()
                    .when(patch("{\"address\": {\"line1\": null, \"city\": null, \"zip_code\": null, \"country\": null}}"))
                    .expectEvents(new CustomerBillingAddressChangedEvent(ID, null));
        }

        @Test
        void refusesAnInvalidCountryInAnAddressPatch() {
            givenExisting()
                    .when(patch("{\"address\": {\"country\": \"Britain\"}}"))
                    .expectException(validationFailure(error("address.country", "invalid_country")))
                    .expectNoEvents();
        }

        @Test
        void setsTheShippingAddress() {
            givenExisting()
                    .when(patch("{\"ship_to_address\": {\"line1\": \"Unit 4\", \"city\": \"Leeds\", \"country\": \"GBR\"}}"))
                    .expectEvents(new CustomerShippingAddressChangedEvent(ID,
                            new Address("Unit 4", null, null, "Leeds", null, null, "GB")));
        }

        @Test
        void clearsTheShippingAddress() {
            givenCustomer(normalisedNamed("Acme Ltd")
                    .shipToAddress(new Address("Unit 4", null, null, "Leeds", null, null, "GB")).build())
                    .when(patch("{\"ship_to_address\": null}"))
                    .expectEvents(new CustomerShippingAddressChangedEvent(ID, null));
        }

        @Test
        void replacesTheTaxInfoWithTheNormalisedList() {
            givenExisting()
                    .when(patch("{\"tax_info\": [{\"tax_code\": \"eu_vat\", \"tax_id\": \"el 123 456 789\"},"
                            + " {\"tax_code\": \"US_EIN\", \"tax_id\": \"12-3456789\", \"country_code\": \"USA\"}]}"))
                    .expectEvents(new CustomerTaxInfoChangedEvent(ID, List.of(
                            new TaxIdentifier("GR", "EU_VAT", "EL123456789"),
                            new TaxIdentifier("US", "US_EIN", "123456789"))));
        }

        @Test
        void clearsTheTaxInfoToAnEmptyList() {
            givenExisting()
                    .when(patch("{\"tax_info\": null}"))
                    .expectEvents(new CustomerTaxInfoChangedEvent(ID, List.of()));
        }

        @Test
        void refusesAnInvalidTaxIdInAPatch() {
            givenExisting()
                    .when(patch("{\"tax_info\": [{\"tax_code\": \"EU_VAT\", \"tax_id\": \"DE123456789\"},"
                            + " {\"tax_code\": \"AU_GST\", \"tax_id\": \"51 824 753 557\"}]}"))
                    .expectException(validationFailure(error("tax_info[1].tax_id", "invalid_tax_id")))
                    .expectNoEvents();
        }

        @Test
        void mergesCustomDataMemberByMember() {
            givenExisting()
                    .when(patch("{\"custom_data\": {\"tier\": \"platinum\", \"seats\": 5}}"))
                    .expectEvents(new CustomerCustomDataChangedEvent(ID,
                            "{\"tier\":\"platinum\",\"region\":\"emea\",\"seats\":5}", false));
        }

        @Test
        void removesACustomDataMemberWithNull() {
            givenExisting()
                    .when(patch("{\"custom_data\": {\"region\": null}}"))
                    .expectEvents(new CustomerCustomDataChangedEvent(ID, "{\"tier\":\"gold\"}", false));
        }

        @Test
        void mergesNestedCustomDataObjects() {
            givenCustomer(normalisedNamed("Acme Ltd").customData("{\"limits\":{\"seats\":5,\"projects\":2}}").build())
                    .when(patch("{\"custom_data\": {\"limits\": {\"seats\": 10, \"projects\": null}}}"))
                    .expectEvents(new CustomerCustomDataChangedEvent(ID, "{\"limits\":{\"seats\":10}}", false));
        }

        @Test
        void becomesTaxExemptWhenCustomDataGainsExemptTaxTrue() {
            givenExisting()
                    .when(patch("{\"custom_data\": {\"exempt_tax\": true}}"))
                    .expectEvents(new CustomerCustomDataChangedEvent(ID,
                            "{\"tier\":\"gold\",\"region\":\"emea\",\"exempt_tax\":true}", true))
                    .expectResultMessagePayloadMatching(response(customer ->
                            assertThat(customer.taxExempt()).isTrue()));
        }

        @Test
        void stopsBeingTaxExemptWhenExemptTaxIsRemoved() {
            givenCustomer(normalisedNamed("Acme Ltd").customData("{\"exempt_tax\":true,\"tier\":\"gold\"}").build(), true)
                    .when(patch("{\"custom_data\": {\"exempt_tax\": null}}"))
                    .expectEvents(new CustomerCustomDataChangedEvent(ID, "{\"tier\":\"gold\"}", false))
                    .expectResultMessagePayloadMatching(response(customer ->
                            assertThat(customer.taxExempt()).isFalse()));
        }

        @Test
        void clearsTheCustomData() {
            givenExisting()
                    .when(patch("{\"custom_data\": null}"))
                    .expectEvents(new CustomerCustomDataChangedEvent(ID, null, false));
        }

        @Test
        void setsCustomDataOnACustomerThatHadNone() {
            givenCustomer(normalisedNamed("Acme Ltd").build())
                    .when(patch("{\"custom_data\": {\"tier\": \"gold\"}}"))
                    .expectEvents(new CustomerCustomDataChangedEvent(ID, "{\"tier\":\"gold\"}", false));
        }

        @Test
        void refusesCustomDataThatIsNotAnObject() {
            givenExisting()
                    .when(patch("{\"custom_data\": \"gold\"}"))
                    .expectException(validationFailure(error("custom_data", "not_an_object")))
                    .expectNoEvents();
        }

        @Test
        void refusesCustomDataThatGrowsBeyond16KiB() {
            givenExisting()
                    .when(patch("{\"custom_data\": {\"blob\": \"" + "x".repeat(16 * 1024) + "\"}}"))
                    .expectException(validationFailure(error("custom_data", "too_large")))
                    .expectNoEvents();
        }

        @Test
        void switchesCommunicationsOff() {
            givenExisting()
                    .when(patch("{\"communications_enabled\": false}"))
                    .expectEvents(new CustomerCommunicationsChangedEvent(ID, false));
        }

        @Test
        void resetsCommunicationsToEnabledWhenCleared() {
            givenCustomer(normalisedNamed("Acme Ltd").communicationsEnabled(false).build())
                    .when(patch("{\"communications_enabled\": null}"))
                    .expectEvents(new CustomerCommunicationsChangedEvent(ID, true));
        }

        @Test
        void switchesAutoChargeOn() {
            givenExisting()
                    .when(patch("{\"auto_charge_enabled\": true}"))
                    .expectEvents(new CustomerAutoChargeChangedEvent(ID, true));
        }

        @Test
        void changesTheBusinessEntity() {
            givenExisting()
                    .when(patch("{\"business_entity_id\": \"be_2\"}"))
                    .expectEvents(new CustomerBusinessEntityChangedEvent(ID, "be_2"));
        }

        @Test
        void clearsTheBusinessEntity() {
            givenExisting()
                    .when(patch("{\"business_entity_id\": null}"))
                    .expectEvents(new CustomerBusinessEntityChangedEvent(ID, null));
        }

        @Test
        void mergesAConnectorPatchWithTheExistingConnector() {
            givenExisting()
                    .when(patch("{\"connector\": {\"reference_id\": \"hs-2\"}}"))
                    .expectEvents(new CustomerConnectorChangedEvent(ID, new Connector("hubspot", "hs-2")));
        }

        @Test
        void clearsTheConnector() {
            givenExisting()
                    .when(patch("{\"connector\": null}"))
                    .expectEvents(new CustomerConnectorChangedEvent(ID, null));
        }

        @Test
        void refusesAConnectorWithoutAName() {
            givenExisting()
                    .when(patch("{\"connector\": {\"name\": null}}"))
                    .expectException(validationFailure(error("connector.name", "required")))
                    .expectNoEvents();
        }

        @Test
        void emitsOneEventPerChangedFieldInAFixedOrder() {
            givenExisting()
                    .when(patch("{\"connector\": null, \"customer_name\": \"Acme Group\", \"email\": \"ap@acme.example\","
                            + " \"auto_charge_enabled\": true, \"external_id\": \"ext-9\"}"))
                    .expectEvents(
                            new CustomerEmailChangedEvent(ID, "ap@acme.example"),
                            new CustomerExternalIdChangedEvent(ID, "ext-9"),
                            new CustomerRenamedEvent(ID, "Acme Group"),
                            new CustomerAutoChargeChangedEvent(ID, true),
                            new CustomerConnectorChangedEvent(ID, null))
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.version()).isEqualTo(6);
                        assertThat(customer.customerName()).isEqualTo("Acme Group");
                        assertThat(customer.email()).isEqualTo("ap@acme.example");
                        assertThat(customer.externalId()).isEqualTo("ext-9");
                        assertThat(customer.autoChargeEnabled()).isTrue();
                        assertThat(customer.connector()).isNull();
                    }));
        }

        @Test
        void anEmptyPatchEmitsNothing() {
            givenExisting()
                    .when(patch("{}"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.version()).isEqualTo(1);
                        assertThat(customer.customerName()).isEqualTo("Acme Ltd");
                        assertThat(customer.customData()).isEqualTo(CUSTOM_DATA);
                    }));
            assertThat(uniqueness.calls()).isEmpty();
        }

        @Test
        void aPatchRepeatingTheCurrentValuesEmitsNothing() {
            givenExisting()
                    .when(patch("{\"customer_name\": \" Acme Ltd \", \"email\": \"billing@acme.example\","
                            + " \"external_id\": \"ext-1\", \"phone_number\": \"+44 20 7946 0958\","
                            + " \"address\": {\"country\": \"GBR\", \"city\": \"London\"},"
                            + " \"tax_info\": [{\"tax_code\": \"eu_vat\", \"tax_id\": \"DE 123 456 789\"}],"
                            + " \"custom_data\": {\"region\": \"emea\"}, \"communications_enabled\": true,"
                            + " \"auto_charge_enabled\": false, \"business_entity_id\": \"be_1\","
                            + " \"connector\": {\"name\": \"hubspot\"}}"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            assertThat(uniqueness.calls()).isEmpty();
        }

        @Test
        void anEmptyCustomDataPatchEmitsNothing() {
            givenExisting()
                    .when(patch("{\"custom_data\": {}}"))
                    .expectNoEvents();
        }

        @Test
        void returnsTheNewVersionAfterEarlierChanges() {
            givenExisting()
                    .andGiven(new CustomerRenamedEvent(ID, "Acme Group"), new CustomerAutoChargeChangedEvent(ID, true))
                    .when(patch("{\"auto_charge_enabled\": false}"))
                    .expectEvents(new CustomerAutoChargeChangedEvent(ID, false))
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.version()).isEqualTo(4);
                        assertThat(customer.customerName()).isEqualTo("Acme Group");
                        assertThat(customer.autoChargeEnabled()).isFalse();
                    }));
        }

        @Test
        void refusesAnUnknownField() {
            givenExisting()
                    .when(patch("{\"nickname\": \"Acme\"}"))
                    .expectException(validationFailure(error("nickname", "unknown_field")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownFieldEvenWhenItClearsSomething() {
            givenExisting()
                    .when(patch("{\"emial\": null}"))
                    .expectException(validationFailure(error("emial", "unknown_field")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownNullFieldInsideAnAddress() {
            givenExisting()
                    .when(patch("{\"address\": {\"planet\": null}}"))
                    .expectException(validationFailure(error("address.planet", "unknown_field")))
                    .expectNoEvents();
        }

        @Test
        void keepsCustomDataNumbersExactlyAsWritten() {
            givenExisting()
                    .when(patch("{\"custom_data\": {\"limit\": 12345678901234567890.10, \"rate\": 1e400}}"))
                    .expectEvents(new CustomerCustomDataChangedEvent(ID,
                            "{\"tier\":\"gold\",\"region\":\"emea\",\"limit\":12345678901234567890.10,\"rate\":1E+400}",
                            false));
        }

        @Test
        void refusesAnUnknownFieldInsideAnAddress() {
            givenExisting()
                    .when(patch("{\"address\": {\"planet\": \"Mars\"}}"))
                    .expectException(validationFailure(error("address.planet", "unknown_field")))
                    .expectNoEvents();
        }

        @Test
        void refusesTheDerivedTaxExemptFlag() {
            givenExisting()
                    .when(patch("{\"tax_exempt\": true}"))
                    .expectException(validationFailure(error("tax_exempt", "unknown_field")))
                    .expectNoEvents();
        }

        @Test
        void refusesCamelCaseFieldNames() {
            givenExisting()
                    .when(patch("{\"customerName\": \"Acme Group\"}"))
                    .expectException(validationFailure(error("customerName", "unknown_field")))
                    .expectNoEvents();
        }

        @Test
        void refusesANumberForATextField() {
            givenExisting()
                    .when(patch("{\"customer_name\": 5}"))
                    .expectException(validationFailure(error("customer_name", "invalid_type")))
                    .expectNoEvents();
        }

        @Test
        void refusesAStringForABooleanField() {
            givenExisting()
                    .when(patch("{\"communications_enabled\": \"false\"}"))
                    .expectException(validationFailure(error("communications_enabled", "invalid_type")))
                    .expectNoEvents();
        }

        @Test
        void refusesAStringForAnAddress() {
            givenExisting()
                    .when(patch("{\"address\": \"1 High St, London\"}"))
                    .expectException(validationFailure(error("address", "invalid_type")))
                    .expectNoEvents();
        }

        @Test
        void reportsTheFullPathOfAWrongTypeInsideTheTaxInfo() {
            givenExisting()
                    .when(patch("{\"tax_info\": [{\"tax_code\": 7, \"tax_id\": \"DE123456789\"}]}"))
                    .expectException(validationFailure(error("tax_info[0].tax_code", "invalid_type")))
                    .expectNoEvents();
        }

        @Test
        void refusesAPatchThatIsAnArray() {
            givenExisting()
                    .when(patch("[{\"customer_name\": \"Acme Group\"}]"))
                    .expectException(validationFailure(error("body", "not_an_object")))
                    .expectNoEvents();
        }

        @Test
        void refusesAPatchThatIsNull() {
            givenExisting()
                    .when(patch("null"))
                    .expectException(validationFailure(error("body", "not_an_object")))
                    .expectNoEvents();
        }

        @Test
        void refusesAPatchThatIsNotJson() {
            givenExisting()
                    .when(patch("{\"customer_name\": "))
                    .expectException(validationFailure(error("body", "malformed_json")))
                    .expectNoEvents();
        }

        @Test
        void refusesAPatchWithTrailingContent() {
            givenExisting()
                    .when(patch("{} {\"customer_name\": \"Acme Group\"}"))
                    .expectException(validationFailure(error("body", "malformed_json")))
                    .expectNoEvents();
        }

        @Test
        void refusesToChangeAnArchivedCustomer() {
            givenExisting()
                    .andGiven(new CustomerArchivedEvent(ID))
                    .when(patch("{\"customer_name\": \"Acme Group\"}"))
                    .expectException(CustomerArchivedException.class)
                    .expectException(billfoldError(ErrorKind.CONFLICT, "customer_archived"))
                    .expectExceptionMessage("Customer cus_1 is archived")
                    .expectNoEvents();
        }

        @Test
        void refusesAnotherOrganizationAsIfTheCustomerDidNotExist() {
            givenExisting()
                    .when(new UpdateCustomerCommand(ID, OTHER_ORG, "{\"customer_name\": \"Rival\"}"))
                    .expectException(CustomerNotFoundException.class)
                    .expectException(billfoldError(ErrorKind.NOT_FOUND, "customer_not_found"))
                    .expectExceptionMessage("No customer cus_1")
                    .expectNoEvents();
        }

        @Test
        void refusesAnotherOrganizationEvenForAnArchivedCustomer() {
            givenExisting()
                    .andGiven(new CustomerArchivedEvent(ID))
                    .when(new UpdateCustomerCommand(ID, OTHER_ORG, "{}"))
                    .expectException(CustomerNotFoundException.class)
                    .expectNoEvents();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // archive
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class Archive {

        @Test
        void archivesTheCustomerReleasingItsEmailAndExternalId() {
            givenExisting()
                    .when(new ArchiveCustomerCommand(ID, ORG))
                    .expectEvents(new CustomerArchivedEvent(ID))
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.archived()).isTrue();
                        assertThat(customer.version()).isEqualTo(2);
                        assertThat(customer.email()).isEqualTo(EMAIL);
                        assertThat(customer.externalId()).isEqualTo(EXTERNAL_ID);
                    }));

            assertThat(uniqueness.claims()).isEmpty();
        }

        @Test
        void archivesACustomerWithoutEmailOrExternalId() {
            givenCustomer(normalisedNamed("Acme Ltd").build())
                    .when(new ArchiveCustomerCommand(ID, ORG))
                    .expectEvents(new CustomerArchivedEvent(ID));

            assertThat(uniqueness.calls()).isEmpty();
        }

        @Test
        void archivingTwiceIsANoOp() {
            givenArchived()
                    .when(new ArchiveCustomerCommand(ID, ORG))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.archived()).isTrue();
                        assertThat(customer.version()).isEqualTo(2);
                    }));

            assertThat(uniqueness.calls()).isEmpty();
        }

        @Test
        void refusesAnotherOrganization() {
            givenExisting()
                    .when(new ArchiveCustomerCommand(ID, OTHER_ORG))
                    .expectException(CustomerNotFoundException.class)
                    .expectNoEvents();

            assertThat(uniqueness.emailHolder(ORG, EMAIL)).isEqualTo(ID);
            assertThat(uniqueness.externalIdHolder(ORG, EXTERNAL_ID)).isEqualTo(ID);
        }

        @Test
        void freesTheEmailForAnotherCustomer() {
            givenExisting()
                    .when(new ArchiveCustomerCommand(ID, ORG))
                    .expectSuccessfulHandlerExecution();

            uniqueness.claimEmail(ORG, OTHER_ID, "BILLING@acme.example");
            assertThat(uniqueness.emailHolder(ORG, EMAIL)).isEqualTo(OTHER_ID);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // erase
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class Erase {

        @Test
        void erasesTheCustomerArchivingItAndDeletingItsKey() {
            givenExisting()
                    .andGiven(new ContactAddedEvent(ID, "con_1", new ContactDetails("Ann", "Lee", "ann@acme.example",
                            null, null, List.of("invoices"), "to")))
                    .when(new EraseCustomerCommand(ID, ORG))
                    .expectEvents(new CustomerErasedEvent(ID))
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.erased()).isTrue();
                        assertThat(customer.archived()).isTrue();
                        assertThat(customer.customerName()).isEqualTo("[erased]");
                        assertThat(customer).extracting("externalId", "email", "phoneNumber", "address",
                                "shipToAddress", "customData", "connector").containsOnlyNulls();
                        assertThat(customer.taxInfo()).isEmpty();
                        assertThat(customer.contacts()).isEmpty();
                        assertThat(customer.businessEntityId()).isEqualTo("be_1");
                        assertThat(customer.version()).isEqualTo(3);
                    }));

            assertThat(erasures).containsExactly(List.of(ORG, ID, "Acme Ltd", EMAIL, EXTERNAL_ID));
            assertThat(uniqueness.claims()).isEmpty();
        }

        @Test
        void erasesAnArchivedCustomer() {
            givenArchived()
                    .when(new EraseCustomerCommand(ID, ORG))
                    .expectEvents(new CustomerErasedEvent(ID));

            assertThat(uniqueness.calls()).isEmpty();
            assertThat(erasures).hasSize(1);
        }

        @Test
        void erasingTwiceAnswersTheErasedCustomer() {
            givenErased()
                    .when(new EraseCustomerCommand(ID, ORG))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.erased()).isTrue();
                        assertThat(customer.version()).isEqualTo(2);
                    }));

            assertThat(erasures).isEmpty();
        }

        @Test
        void anErasedCustomerStillLoadsFromEventsThatReadAsPlaceholders() {
            CustomerDetails placeholders = new CustomerDetails("[erased]", null, null, null, null, null, List.of(),
                    null, true, false, "be_1", null);
            fixture.given(new CustomerCreatedEvent(ID, ORG, placeholders, false, null),
                            new CustomerRenamedEvent(ID, "[erased]"),
                            new ContactAddedEvent(ID, "con_1", new ContactDetails(null, null, "[erased]", null, null,
                                    List.of("invoices"), "to")),
                            new CustomerErasedEvent(ID))
                    .when(new EraseCustomerCommand(ID, ORG))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.customerName()).isEqualTo("[erased]");
                        assertThat(customer.contacts()).isEmpty();
                        assertThat(customer.version()).isEqualTo(4);
                    }));
        }

        @Test
        void anErasedCustomerRefusesEveryChange() {
            givenErased()
                    .when(patch("{\"customer_name\": \"Back Again\"}"))
                    .expectException(billfoldError(ErrorKind.CONFLICT, "customer_erased"))
                    .expectNoEvents();
            givenErased()
                    .when(new UnarchiveCustomerCommand(ID, ORG))
                    .expectException(billfoldError(ErrorKind.CONFLICT, "customer_erased"))
                    .expectNoEvents();
            givenErased()
                    .when(new AddContactCommand(ID, ORG, "con_2", new ContactDetails(null, null, "x@acme.example",
                            null, null, List.of(), null)))
                    .expectException(billfoldError(ErrorKind.CONFLICT, "customer_erased"))
                    .expectNoEvents();
        }

        @Test
        void archivingAnErasedCustomerIsANoOp() {
            givenErased()
                    .when(new ArchiveCustomerCommand(ID, ORG))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(response(customer -> assertThat(customer.erased()).isTrue()));
        }

        @Test
        void isRefusedWithCreditInAWallet() {
            wallets = customerId -> {
                throw new WalletBalanceNotZeroException(customerId);
            };
            givenExisting()
                    .when(new EraseCustomerCommand(ID, ORG))
                    .expectException(billfoldError(ErrorKind.CONFLICT, "wallet_balance_not_zero"))
                    .expectNoEvents();

            assertThat(erasures).isEmpty();
        }

        @Test
        void refusesAnotherOrganization() {
            givenExisting()
                    .when(new EraseCustomerCommand(ID, OTHER_ORG))
                    .expectException(CustomerNotFoundException.class)
                    .expectNoEvents();

            assertThat(erasures).isEmpty();
        }

        private TestExecutor<Customer> givenErased() {
            TestExecutor<Customer> executor = givenExisting().andGiven(new CustomerErasedEvent(ID));
            uniqueness.clear();
            hierarchy.seedArchived(ORG, ID, null);
            return executor;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // unarchive
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class Unarchive {

        @Test
        void unarchivesTheCustomerReclaimingItsEmailAndExternalId() {
            givenArchived()
                    .when(new UnarchiveCustomerCommand(ID, ORG))
                    .expectEvents(new CustomerUnarchivedEvent(ID))
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.archived()).isFalse();
                        assertThat(customer.version()).isEqualTo(3);
                    }));

            assertThat(uniqueness.claims()).containsOnly(
                    Map.entry(InMemoryCustomerUniqueness.email(ORG, EMAIL), ID),
                    Map.entry(InMemoryCustomerUniqueness.externalId(ORG, EXTERNAL_ID), ID));
        }

        @Test
        void unarchivingALiveCustomerIsANoOp() {
            givenExisting()
                    .when(new UnarchiveCustomerCommand(ID, ORG))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.archived()).isFalse();
                        assertThat(customer.version()).isEqualTo(1);
                    }));

            assertThat(uniqueness.calls()).isEmpty();
        }

        @Test
        void refusesWhenAnotherCustomerTookTheEmailMeanwhile() {
            TestExecutor<Customer> archived = givenArchived();
            uniqueness.claimEmail(ORG, OTHER_ID, "Billing@Acme.Example");

            archived.when(new UnarchiveCustomerCommand(ID, ORG))
                    .expectException(EmailAlreadyInUseException.class)
                    .expectExceptionMessage("Another customer already uses the email " + EMAIL)
                    .expectNoEvents();

            assertThat(uniqueness.emailHolder(ORG, EMAIL)).isEqualTo(OTHER_ID);
        }

        @Test
        void refusesWhenAnotherCustomerTookTheExternalIdMeanwhile() {
            TestExecutor<Customer> archived = givenArchived();
            uniqueness.claimExternalId(ORG, OTHER_ID, EXTERNAL_ID);

            archived.when(new UnarchiveCustomerCommand(ID, ORG))
                    .expectException(ExternalIdAlreadyInUseException.class)
                    .expectNoEvents();

            assertThat(uniqueness.externalIdHolder(ORG, EXTERNAL_ID)).isEqualTo(OTHER_ID);
        }

        @Test
        void refusesAnotherOrganization() {
            givenArchived()
                    .when(new UnarchiveCustomerCommand(ID, OTHER_ORG))
                    .expectException(CustomerNotFoundException.class)
                    .expectNoEvents();

            assertThat(uniqueness.claims()).isEmpty();
        }

        @Test
        void canBeChangedAgainAfterUnarchiving() {
            givenArchived()
                    .andGiven(new CustomerUnarchivedEvent(ID))
                    .when(patch("{\"customer_name\": \"Acme Group\"}"))
                    .expectEvents(new CustomerRenamedEvent(ID, "Acme Group"))
                    .expectResultMessagePayloadMatching(response(customer ->
                            assertThat(customer.version()).isEqualTo(4)));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The standard existing customer, with its email and external_id claimed and its place in the hierarchy recorded,
     * as its creation would have.
     */
    private TestExecutor<Customer> givenExisting() {
        return givenCustomer(EXISTING);
    }

    /** The standard customer, archived: its claims were released by the archive. */
    private TestExecutor<Customer> givenArchived() {
        TestExecutor<Customer> executor = givenExisting().andGiven(new CustomerArchivedEvent(ID));
        uniqueness.clear();
        hierarchy.seedArchived(ORG, ID, null);
        return executor;
    }

    private TestExecutor<Customer> givenCustomer(CustomerDetails normalised) {
        return givenCustomer(normalised, false);
    }

    private TestExecutor<Customer> givenCustomer(CustomerDetails normalised, boolean taxExempt) {
        if (normalised.email() != null) {
            uniqueness.claimEmail(ORG, ID, normalised.email());
        }
        if (normalised.externalId() != null) {
            uniqueness.claimExternalId(ORG, ID, normalised.externalId());
        }
        uniqueness.forgetCalls();
        hierarchy.seed(ORG, ID, null);
        return fixture.given(new CustomerCreatedEvent(ID, ORG, normalised, taxExempt, null));
    }

    private static CreateCustomerCommand create(CustomerDetails details) {
        return new CreateCustomerCommand(ID, ORG, details, null);
    }

    private static UpdateCustomerCommand patch(String mergePatch) {
        return new UpdateCustomerCommand(ID, ORG, mergePatch);
    }

    /** Raw input: everything unset (null) but the name. */
    private static CustomerDetailsBuilder named(String customerName) {
        return new CustomerDetailsBuilder().customerName(customerName);
    }

    /** Normalised details as the event carries them: defaults filled in, empty tax info. */
    private static CustomerDetailsBuilder normalisedNamed(String customerName) {
        return new CustomerDetailsBuilder().customerName(customerName).communicationsEnabled(true).autoChargeEnabled(false)
                .taxInfo();
    }

    /** A custom_data JSON object whose compact form is exactly {@code bytes} bytes of UTF-8. */
    private static String customDataOfBytes(int bytes) {
        String prefix = "{\"blob\":\"";
        String suffix = "\"}";
        String json = prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix;
        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return json;
    }
}
