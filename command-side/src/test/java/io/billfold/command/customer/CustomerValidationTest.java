package io.billfold.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.billfold.api.customer.Address;
import io.billfold.api.customer.Connector;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.api.customer.TaxIdentifier;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

class CustomerValidationTest {

    private static final Address LONDON = new Address("1 High St", null, null, "London", null, "EC1A 1BB", "GB");

    private static CustomerDetailsBuilder named(String customerName) {
        return new CustomerDetailsBuilder().customerName(customerName);
    }

    private static CustomerDetails normalise(CustomerDetailsBuilder details) {
        return CustomerValidation.normalise(details.build());
    }

    /** The errors of a details that must fail validation, each as {@code "field code"}. */
    private static List<String> errorsOf(CustomerDetailsBuilder details) {
        try {
            CustomerDetails normalised = CustomerValidation.normalise(details.build());
            throw new AssertionError("expected a validation failure, but got " + normalised);
        } catch (ValidationFailedException e) {
            assertThat(e.code()).isEqualTo("validation_failed");
            return e.errors().stream().map(error -> error.field() + " " + error.code()).toList();
        }
    }

    @Nested
    class Emails {

        @ParameterizedTest
        @ValueSource(strings = {
                "billing@acme.example",
                "first.last@sub.acme.co.uk",
                "invoices+2024@acme.example",
                "Billing@ACME.Example",
                "o'brien@acme.ie",
                "a@b.io",
                "x@xn--80ak6aa92e.xn--p1ai",
                "under_score-and-dash@my-company.example"})
        void acceptsValidAddresses(String email) {
            assertThat(FieldRules.isEmail(email)).isTrue();
        }

        @Test
        void acceptsPlusAddressing() {
            assertThat(FieldRules.isEmail("billing+invoices@acme.example")).isTrue();
            assertThat(normalise(named("Acme").email(" billing+invoices@acme.example ")).email())
                    .isEqualTo("billing+invoices@acme.example");
        }

        @Test
        void refusesAnAddressWithoutAt() {
            assertThat(FieldRules.isEmail("billing.acme.example")).isFalse();
        }

        @Test
        void refusesAnEmptyLocalPart() {
            assertThat(FieldRules.isEmail("@acme.example")).isFalse();
        }

        @Test
        void refusesTwoAts() {
            assertThat(FieldRules.isEmail("billing@acme@acme.example")).isFalse();
        }

        @Test
        void refusesDoubleDotsInTheLocalPart() {
            assertThat(FieldRules.isEmail("first..last@acme.example")).isFalse();
        }

        @Test
        void refusesDoubleDotsInTheDomain() {
            assertThat(FieldRules.isEmail("billing@acme..example")).isFalse();
        }

        @Test
        void refusesALeadingDot() {
            assertThat(FieldRules.isEmail(".billing@acme.example")).isFalse();
        }

        @Test
        void refusesADotBeforeTheAt() {
            assertThat(FieldRules.isEmail("billing.@acme.example")).isFalse();
        }

        @Test
        void refusesADomainWithoutTopLevelDomain() {
            assertThat(FieldRules.isEmail("billing@localhost")).isFalse();
        }

        @Test
        void refusesANumericTopLevelDomain() {
            assertThat(FieldRules.isEmail("billing@acme.123")).isFalse();
        }

        @Test
        void refusesATrailingDotInTheDomain() {
            assertThat(FieldRules.isEmail("billing@acme.example.")).isFalse();
        }

        @Test
        void refusesADomainLabelStartingWithAHyphen() {
            assertThat(FieldRules.isEmail("billing@-acme.example")).isFalse();
        }

        @Test
        void refusesAUnicodeDomain() {
            assertThat(FieldRules.isEmail("info@bücher.example")).isFalse();
        }

        @Test
        void refusesAUnicodeLocalPart() {
            assertThat(FieldRules.isEmail("jörg@acme.example")).isFalse();
        }

        @Test
        void refusesSpaces() {
            assertThat(FieldRules.isEmail("bill ing@acme.example")).isFalse();
        }

        @Test
        void refusesAnIpLiteralDomain() {
            assertThat(FieldRules.isEmail("billing@[192.0.2.1]")).isFalse();
        }

        @Test
        void acceptsA64CharacterLocalPartButNot65() {
            assertThat(FieldRules.isEmail("a".repeat(64) + "@acme.example")).isTrue();
            assertThat(FieldRules.isEmail("a".repeat(65) + "@acme.example")).isFalse();
        }

        @Test
        void acceptsA254CharacterAddress() {
            String email = addressOfLength(254);

            assertThat(email).hasSize(254);
            assertThat(FieldRules.isEmail(email)).isTrue();
        }

        @Test
        void refusesAnAddressOf255CharactersOrMore() {
            assertThat(FieldRules.isEmail(addressOfLength(255))).isFalse();
            assertThat(FieldRules.isEmail(addressOfLength(300))).isFalse();
        }

        @Test
        void keepsTheCaseOfAValidEmailWhenNormalising() {
            assertThat(normalise(named("Acme").email("  Billing@Acme.Example\t")).email())
                    .isEqualTo("Billing@Acme.Example");
        }

        @Test
        void reportsAnInvalidEmailUnderItsField() {
            assertThat(errorsOf(named("Acme").email("billing@acme"))).containsExactly("email invalid_email");
        }

        @Test
        void comparesEmailsCaseInsensitively() {
            assertThat(FieldRules.emailKey("Billing@ACME.Example")).isEqualTo("billing@acme.example");
        }

        /** A syntactically valid address of exactly {@code length} characters, with labels of at most 63. */
        private static String addressOfLength(int length) {
            StringBuilder email = new StringBuilder("a".repeat(64)).append('@');
            while (length - email.length() > 64 + 4) {
                email.append("b".repeat(63)).append('.');
            }
            int last = length - email.length() - 4;
            return email.append("c".repeat(last)).append(".com").toString();
        }
    }

    @Nested
    class PhoneNumbers {

        @Test
        void readsANumberWithoutPlusInTheAddressCountry() {
            assertThat(normalise(named("Acme").phoneNumber("020 7946 0958").address(LONDON)).phoneNumber())
                    .isEqualTo("+442079460958");
        }

        @Test
        void readsANumberWithoutPlusInAnAlpha3AddressCountry() {
            Address address = new Address(null, null, null, "Mountain View", "CA", null, "usa");

            assertThat(normalise(named("Acme").phoneNumber("(650) 253-0000").address(address)).phoneNumber())
                    .isEqualTo("+16502530000");
        }

        @Test
        void readsAnInternationalNumberRegardlessOfTheAddressCountry() {
            assertThat(normalise(named("Acme").phoneNumber("+1 650-253-0000").address(LONDON)).phoneNumber())
                    .isEqualTo("+16502530000");
        }

        @Test
        void formatsAnInternationalNumberAsE164WithoutAddress() {
            assertThat(normalise(named("Acme").phoneNumber(" +44 (0)20 7946 0958 ")).phoneNumber())
                    .isEqualTo("+442079460958");
        }

        @Test
        void refusesANationalNumberWithoutAddressCountry() {
            assertThat(errorsOf(named("Acme").phoneNumber("020 7946 0958")))
                    .containsExactly("phone_number invalid_phone_number");
        }

        @Test
        void doesNotUseTheShippingCountryAsDefaultRegion() {
            assertThat(errorsOf(named("Acme").phoneNumber("020 7946 0958").shipToAddress(LONDON)))
                    .containsExactly("phone_number invalid_phone_number");
        }

        @Test
        void refusesANumberThatIsNotValidInTheAddressCountry() {
            Address paris = new Address(null, null, null, "Paris", null, null, "FR");

            assertThat(errorsOf(named("Acme").phoneNumber("020 7946 0958").address(paris)))
                    .containsExactly("phone_number invalid_phone_number");
        }

        @Test
        void refusesTooShortANumber() {
            assertThat(errorsOf(named("Acme").phoneNumber("+44 12"))).containsExactly("phone_number invalid_phone_number");
        }

        @Test
        void refusesText() {
            assertThat(errorsOf(named("Acme").phoneNumber("call me"))).containsExactly("phone_number invalid_phone_number");
        }
    }

    @Nested
    class Texts {

        @Test
        void trimsTheName() {
            assertThat(normalise(named(" \t Acme Ltd \n")).customerName()).isEqualTo("Acme Ltd");
        }

        @Test
        void refusesABlankNameAsBlank() {
            assertThat(errorsOf(named("   "))).containsExactly("customer_name blank");
        }

        @Test
        void refusesAnEmptyName() {
            assertThat(errorsOf(named(""))).containsExactly("customer_name blank");
        }

        @Test
        void requiresAName() {
            assertThat(errorsOf(named(null))).containsExactly("customer_name required");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"external_id", "email", "phone_number", "business_entity_id", "address.line1",
                "address.city", "address.zip_code", "ship_to_address.state", "connector.reference_id"})
        void refusesABlankOptionalText(String field) {
            assertThat(errorsOf(withBlank(field))).containsExactly(field + " blank");
        }

        @Test
        void acceptsA255CharacterName() {
            String name = "n".repeat(255);

            assertThat(normalise(named(name)).customerName()).isEqualTo(name);
        }

        @Test
        void refusesA256CharacterName() {
            assertThat(errorsOf(named("n".repeat(256))))
                    .containsExactly("customer_name too_long");
        }

        @Test
        void countsCharactersNotUtf16Units() {
            String name = "\uD83D\uDE00".repeat(255);

            assertThat(normalise(named(name)).customerName()).isEqualTo(name);
        }

        @Test
        void measuresTheLengthAfterTrimming() {
            String name = "n".repeat(255);

            assertThat(normalise(named("  " + name + "  ")).customerName()).isEqualTo(name);
        }

        @Test
        void refusesA256CharacterExternalId() {
            assertThat(errorsOf(named("Acme").externalId("e".repeat(256)))).containsExactly("external_id too_long");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Acme\u0000Ltd", "Acme\tLtd", "Acme\nLtd", "Acme\u001BLtd", "Acme\u007FLtd",
                "Acme\u0085Ltd"})
        void refusesControlCharactersInsideAName(String name) {
            assertThat(errorsOf(named(name))).containsExactly("customer_name invalid_value");
        }

        @Test
        void refusesControlCharactersInAnAddressLine() {
            Address address = new Address("1 High St\r\nLondon", null, null, null, null, null, "GB");

            assertThat(errorsOf(named("Acme").address(address))).containsExactly("address.line1 invalid_value");
        }

        @Test
        void acceptsNonLatinLetters() {
            assertThat(normalise(named("Zoë & Søn Ålesund 株式会社")).customerName()).isEqualTo("Zoë & Søn Ålesund 株式会社");
        }

        private static CustomerDetailsBuilder withBlank(String field) {
            String blank = " \t ";
            CustomerDetailsBuilder details = named("Acme");
            return switch (field) {
                case "external_id" -> details.externalId(blank);
                case "email" -> details.email(blank);
                case "phone_number" -> details.phoneNumber(blank);
                case "business_entity_id" -> details.businessEntityId(blank);
                case "address.line1" -> details.address(new Address(blank, null, null, "London", null, null, "GB"));
                case "address.city" -> details.address(new Address("1 High St", null, null, blank, null, null, "GB"));
                case "address.zip_code" -> details.address(new Address("1 High St", null, null, null, null, blank, "GB"));
                case "ship_to_address.state" -> details.shipToAddress(new Address(null, null, null, "Austin", blank, null, "US"));
                case "connector.reference_id" -> details.connector(new Connector("hubspot", blank));
                default -> throw new IllegalArgumentException(field);
            };
        }
    }

    @Nested
    class Addresses {

        @Test
        void normalisesTheCountryToAlpha2() {
            Address address = new Address(" 1 High St ", null, null, " London ", null, " EC1A 1BB ", " gbr ");

            assertThat(normalise(named("Acme").address(address)).address()).isEqualTo(LONDON);
        }

        @Test
        void uppercasesAnAlpha2Country() {
            Address address = new Address(null, null, null, "Dublin", null, null, "ie");

            assertThat(normalise(named("Acme").address(address)).address().country()).isEqualTo("IE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"XX", "UK", "EL", "GBRX", "Britain", "G"})
        void refusesAnUnknownCountry(String country) {
            Address address = new Address(null, null, null, "London", null, null, country);

            assertThat(errorsOf(named("Acme").address(address))).containsExactly("address.country invalid_country");
        }

        @Test
        void dropsAnAddressWithoutAnyMember() {
            Address empty = new Address(null, null, null, null, null, null, null);

            CustomerDetails details = normalise(named("Acme").address(empty).shipToAddress(empty));

            assertThat(details.address()).isNull();
            assertThat(details.shipToAddress()).isNull();
        }

        @Test
        void acceptsAnAddressWithoutCountry() {
            Address address = new Address("1 High St", null, null, "London", null, null, null);

            assertThat(normalise(named("Acme").address(address)).address()).isEqualTo(address);
        }
    }

    @Nested
    class TaxInfo {

        @Test
        void normalisesSchemeIdAndCountry() {
            CustomerDetails details = normalise(named("Acme")
                    .taxInfo(new TaxIdentifier(null, " eu_vat ", " de 123.456-789 ")));

            assertThat(details.taxInfo()).containsExactly(new TaxIdentifier("DE", "EU_VAT", "DE123456789"));
        }

        @Test
        void mapsTheGreekVatPrefixElToCountryGr() {
            CustomerDetails details = normalise(named("Acme").taxInfo(new TaxIdentifier(null, "EU_VAT", "EL123456789")));

            assertThat(details.taxInfo()).containsExactly(new TaxIdentifier("GR", "EU_VAT", "EL123456789"));
        }

        @Test
        void acceptsGreeceAsTheCountryOfAnElVatNumber() {
            CustomerDetails details = normalise(named("Acme")
                    .taxInfo(new TaxIdentifier("GRC", "EU_VAT", "EL123456789")));

            assertThat(details.taxInfo()).containsExactly(new TaxIdentifier("GR", "EU_VAT", "EL123456789"));
        }

        @Test
        void mapsTheNorthernIrelandPrefixXiToCountryGb() {
            CustomerDetails details = normalise(named("Acme").taxInfo(new TaxIdentifier("gb", "EU_VAT", "XI123456789")));

            assertThat(details.taxInfo()).containsExactly(new TaxIdentifier("GB", "EU_VAT", "XI123456789"));
        }

        @Test
        void derivesTheCountryOfNationalSchemes() {
            CustomerDetails details = normalise(named("Acme").taxInfo(
                    new TaxIdentifier(null, "US_EIN", "12-3456789"),
                    new TaxIdentifier(null, "AU_GST", "51 824 753 556")));

            assertThat(details.taxInfo()).containsExactly(
                    new TaxIdentifier("US", "US_EIN", "123456789"),
                    new TaxIdentifier("AU", "AU_GST", "51824753556"));
        }

        @Test
        void refusesACountryCodeThatDoesNotMatchTheScheme() {
            assertThat(errorsOf(named("Acme").taxInfo(new TaxIdentifier("AT", "EU_VAT", "DE123456789"))))
                    .containsExactly("tax_info[0].country_code country_mismatch");
        }

        @Test
        void refusesAnUnknownCountryCode() {
            assertThat(errorsOf(named("Acme").taxInfo(new TaxIdentifier("EL", "EU_VAT", "EL123456789"))))
                    .containsExactly("tax_info[0].country_code invalid_country");
        }

        @Test
        void refusesAnInvalidTaxIdUnderItsIndex() {
            assertThat(errorsOf(named("Acme").taxInfo(
                    new TaxIdentifier(null, "EU_VAT", "DE123456789"),
                    new TaxIdentifier(null, "US_EIN", "00-0000000"))))
                    .containsExactly("tax_info[1].tax_id invalid_tax_id");
        }

        @Test
        void keepsTheValidatorsExplanationAsMessage() {
            try {
                normalise(named("Acme").taxInfo(new TaxIdentifier(null, "US_EIN", "1234")));
                throw new AssertionError("expected a validation failure");
            } catch (ValidationFailedException e) {
                assertThat(e.errors()).containsExactly(
                        new FieldError("tax_info[0].tax_id", "invalid_tax_id", "must be 9 digits"));
            }
        }

        @Test
        void requiresTheTaxId() {
            assertThat(errorsOf(named("Acme").taxInfo(new TaxIdentifier(null, "EU_VAT", null))))
                    .containsExactly("tax_info[0].tax_id required");
        }

        @Test
        void requiresTheTaxCode() {
            assertThat(errorsOf(named("Acme").taxInfo(new TaxIdentifier("DE", null, "DE123456789"))))
                    .containsExactly("tax_info[0].tax_code required");
        }

        @Test
        void refusesAnUnknownTaxCode() {
            assertThat(errorsOf(named("Acme").taxInfo(new TaxIdentifier("GB", "GB_VAT", "GB123456789"))))
                    .containsExactly("tax_info[0].tax_code invalid_tax_code");
        }

        @Test
        void refusesAMissingEntry() {
            assertThat(errorsOf(named("Acme").taxInfo(new TaxIdentifier(null, "EU_VAT", "DE123456789"), null)))
                    .containsExactly("tax_info[1] required");
        }

        @Test
        void refusesTheSameIdentifierTwiceEvenWrittenDifferently() {
            assertThat(errorsOf(named("Acme").taxInfo(
                    new TaxIdentifier(null, "EU_VAT", "DE123456789"),
                    new TaxIdentifier("DEU", "eu_vat", "de 123-456-789"))))
                    .containsExactly("tax_info[1] duplicate");
        }

        @Test
        void acceptsTwentyIdentifiers() {
            assertThat(normalise(named("Acme").taxInfo(germanVatNumbers(20))).taxInfo()).hasSize(20);
        }

        @Test
        void refusesMoreThanTwentyIdentifiers() {
            assertThat(errorsOf(named("Acme").taxInfo(germanVatNumbers(21)))).containsExactly("tax_info too_many");
        }

        @Test
        void turnsAMissingListIntoAnEmptyOne() {
            assertThat(normalise(named("Acme").taxInfo((List<TaxIdentifier>) null)).taxInfo()).isEmpty();
        }

        @Test
        void keepsAnEmptyListEmpty() {
            assertThat(normalise(named("Acme").taxInfo(List.of())).taxInfo()).isEmpty();
        }

        private static List<TaxIdentifier> germanVatNumbers(int count) {
            return IntStream.range(0, count)
                    .mapToObj(i -> new TaxIdentifier(null, "EU_VAT", "DE" + (100000000 + i)))
                    .toList();
        }
    }

    @Nested
    class CustomData {

        @Test
        void storesTheObjectCompactly() {
            assertThat(normalise(named("Acme").customData("{\n  \"tier\" : \"gold\",\n  \"seats\" : [ 1, 2 ]\n}"))
                    .customData()).isEqualTo("{\"tier\":\"gold\",\"seats\":[1,2]}");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "\"gold\"", "42", "true", "null", "", "{\"tier\": ", "{tier: gold}"})
        void refusesAnythingButAnObject(String customData) {
            assertThat(errorsOf(named("Acme").customData(customData))).containsExactly("custom_data not_an_object");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"x\": 1e999999999}", "{\"x\": -1e-999999999}", "{\"a\": [{\"b\": 1e1001}]}"})
        void refusesNumbersTooLargeOrTooPreciseToStore(String customData) {
            assertThat(errorsOf(named("Acme").customData(customData))).containsExactly("custom_data number_out_of_range");
        }

        @Test
        void keepsLargeButStorableNumbersExactly() {
            assertThat(normalise(named("Acme").customData("{\"x\":1E+999,\"y\":0.10}")).customData())
                    .isEqualTo("{\"x\":1E+999,\"y\":0.10}");
        }

        @Test
        void acceptsExactly16KiB() {
            String customData = ofBytes(16 * 1024, "x");

            assertThat(normalise(named("Acme").customData(customData)).customData()).isEqualTo(customData);
        }

        @Test
        void refusesMoreThan16KiB() {
            assertThat(errorsOf(named("Acme").customData(ofBytes(16 * 1024 + 1, "x"))))
                    .containsExactly("custom_data too_large");
        }

        @Test
        void measuresTheSizeInUtf8Bytes() {
            String customData = ofBytes(16 * 1024 + 1, "é");

            assertThat(customData.length()).isLessThan(16 * 1024);
            assertThat(errorsOf(named("Acme").customData(customData))).containsExactly("custom_data too_large");
        }

        @Test
        void measuresTheCompactForm() {
            String spacious = "{\"blob\":    \"" + "x".repeat(16 * 1024 - 11) + "\"    }";

            assertThat(spacious.length()).isGreaterThan(16 * 1024);
            assertThat(normalise(named("Acme").customData(spacious)).customData()).hasSize(16 * 1024);
        }

        @Test
        void isTaxExemptOnlyWhenExemptTaxIsTheBooleanTrue() {
            assertThat(CustomerValidation.taxExempt("{\"exempt_tax\":true}")).isTrue();
            assertThat(CustomerValidation.taxExempt("{\"exempt_tax\":false}")).isFalse();
            assertThat(CustomerValidation.taxExempt("{\"exempt_tax\":\"true\"}")).isFalse();
            assertThat(CustomerValidation.taxExempt("{\"exempt_tax\":1}")).isFalse();
            assertThat(CustomerValidation.taxExempt("{\"exempt_tax\":null}")).isFalse();
            assertThat(CustomerValidation.taxExempt("{\"nested\":{\"exempt_tax\":true}}")).isFalse();
            assertThat(CustomerValidation.taxExempt("{}")).isFalse();
            assertThat(CustomerValidation.taxExempt(null)).isFalse();
        }

        /** A JSON object {"blob":"..."} of exactly {@code bytes} bytes of UTF-8, its value made of {@code unit}. */
        private static String ofBytes(int bytes, String unit) {
            String prefix = "{\"blob\":\"";
            String suffix = "\"}";
            int available = bytes - prefix.length() - suffix.length();
            int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
            String value = unit.repeat(available / unitBytes) + "x".repeat(available % unitBytes);
            String json = prefix + value + suffix;
            assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
            return json;
        }
    }

    @Nested
    class Defaults {

        @Test
        void fillsInTheDefaults() {
            CustomerDetails details = normalise(named("Acme"));

            assertThat(details).isEqualTo(new CustomerDetails("Acme", null, null, null, null, null, List.of(), null,
                    true, false, null, null));
        }

        @Test
        void keepsExplicitSwitches() {
            CustomerDetails details = normalise(named("Acme").communicationsEnabled(false).autoChargeEnabled(true));

            assertThat(details.communicationsEnabled()).isFalse();
            assertThat(details.autoChargeEnabled()).isTrue();
        }

        @Test
        void trimsTheConnector() {
            assertThat(normalise(named("Acme").connector(new Connector(" hubspot ", " hs-1 "))).connector())
                    .isEqualTo(new Connector("hubspot", "hs-1"));
        }

        @Test
        void requiresTheConnectorName() {
            assertThat(errorsOf(named("Acme").connector(new Connector(null, "hs-1"))))
                    .containsExactly("connector.name required");
        }
    }

    @Test
    void listsEveryInvalidFieldInOneFailure() {
        List<String> errors = errorsOf(named(null)
                .email("nope")
                .externalId(" ")
                .address(new Address(null, null, null, null, null, null, "XYZ"))
                .shipToAddress(new Address(null, null, null, "Paris", null, null, "ZZ"))
                .customData("[]"));

        assertThat(errors).containsExactlyInAnyOrder(
                "customer_name required",
                "external_id blank",
                "email invalid_email",
                "address.country invalid_country",
                "ship_to_address.country invalid_country",
                "custom_data not_an_object");
    }

    @Test
    void leavesValidDetailsUntouchedWhenAlreadyNormal() {
        CustomerDetails normal = new CustomerDetails("Acme Ltd", "ext-1", "billing@acme.example", "+442079460958",
                LONDON, null, List.of(new TaxIdentifier("DE", "EU_VAT", "DE123456789")), "{\"tier\":\"gold\"}", true,
                false, "be_1", new Connector("hubspot", "hs-1"));

        assertThat(CustomerValidation.normalise(normal)).isEqualTo(normal);
    }
}
