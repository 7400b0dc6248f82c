package io.billfold.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.billfold.command.customer.TaxIdValidator.Result;
import io.billfold.command.customer.TaxIdValidator.Scheme;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TaxIdValidatorTest {

    private static void assertValid(Scheme scheme, String raw, String normalised) {
        Result result = TaxIdValidator.validate(scheme, raw);
        assertThat(result.error()).as("error for %s", raw).isNull();
        assertThat(result.valid()).isTrue();
        assertThat(result.normalised()).isEqualTo(normalised);
    }

    private static void assertInvalid(Scheme scheme, String raw, String error) {
        Result result = TaxIdValidator.validate(scheme, raw);
        assertThat(result.valid()).as("valid for %s", raw).isFalse();
        assertThat(result.error()).isEqualTo(error);
        assertThat(result.normalised()).isNull();
    }

    @Nested
    class SchemeOf {

        @ParameterizedTest
        @CsvSource({"IN_GST, IN_GST", "in_gst, IN_GST", "Eu_Vat, EU_VAT", "us_ein, US_EIN"})
        void findsTheSchemeIgnoringCase(String taxCode, Scheme scheme) {
            assertThat(Scheme.of(taxCode)).contains(scheme);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"GB_VAT", "GST", "IN GST"})
        void isEmptyForAnUnknownTaxCode(String taxCode) {
            assertThat(Scheme.of(taxCode)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void requiresAValueForEveryScheme(Scheme scheme) {
        for (String blank : new String[] {null, "", "   ", "\t", " - . "}) {
            assertInvalid(scheme, blank, "is required");
        }
    }

    @Nested
    class IndianGstin {

        /** Appends the GSTIN mod-36 check character, computed independently of the validator. */
        private static String withCheckCharacter(String first14) {
            String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
            int sum = 0;
            for (int i = 0; i < first14.length(); i++) {
                int product = alphabet.indexOf(first14.charAt(i)) * (i % 2 == 0 ? 1 : 2);
                sum += product / 36 + product % 36;
            }
            return first14 + alphabet.charAt((36 - sum % 36) % 36);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "27AAPFU0939F1ZV      | 27AAPFU0939F1ZV",
                "27aapfu0939f1zv      | 27AAPFU0939F1ZV",
                "'  27 AAPFU 0939 F 1ZV ' | 27AAPFU0939F1ZV",
                "27-AAPFU-0939-F.1ZV  | 27AAPFU0939F1ZV"})
        void acceptsThePublicExample(String raw, String normalised) {
            assertValid(Scheme.IN_GST, raw, normalised);
        }

        @ParameterizedTest
        @ValueSource(strings = {"29AAGCB7383J1Z", "01ABCDE1234F2Z", "38PQRST9876KZZ", "97AAACA1234B1Z", "99ZZZZZ0000ZAZ"})
        void acceptsIdentifiersWithAComputedCheckCharacter(String first14) {
            String gstin = withCheckCharacter(first14);
            assertValid(Scheme.IN_GST, gstin.substring(0, 2) + " " + gstin.substring(2, 12) + "-" + gstin.substring(12), gstin);
        }

        @ParameterizedTest
        @ValueSource(strings = {"29AAGCB7383J1Z", "27AAPFU0939F1Z"})
        void rejectsEveryOtherCheckCharacter(String first14) {
            char expected = withCheckCharacter(first14).charAt(14);
            for (char check : "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray()) {
                if (check != expected) {
                    assertInvalid(Scheme.IN_GST, first14 + check, "is not a valid GSTIN: the check character does not match");
                }
            }
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "27AAPFU0939F1Z       | must be 15 characters",
                "27AAPFU0939F1ZVV     | must be 15 characters",
                "27AAPFU0939F1Z/      | is not a valid GSTIN: it must be a state code, a PAN, an entity number, the letter Z and a check character",
                "2XAAPFU0939F1ZV      | is not a valid GSTIN: it must be a state code, a PAN, an entity number, the letter Z and a check character",
                "27AAPF10939F1ZV      | is not a valid GSTIN: it must be a state code, a PAN, an entity number, the letter Z and a check character",
                "27AAPFU093XF1ZV      | is not a valid GSTIN: it must be a state code, a PAN, an entity number, the letter Z and a check character",
                "27AAPFU0939F0ZV      | is not a valid GSTIN: it must be a state code, a PAN, an entity number, the letter Z and a check character",
                "27AAPFU0939F1YV      | is not a valid GSTIN: it must be a state code, a PAN, an entity number, the letter Z and a check character",
                "00AAPFU0939F1ZV      | is not a valid GSTIN: the state code does not exist",
                "39AAPFU0939F1ZV      | is not a valid GSTIN: the state code does not exist",
                "98AAPFU0939F1ZV      | is not a valid GSTIN: the state code does not exist",
                "27AAPFU0939F1ZW      | is not a valid GSTIN: the check character does not match"})
        void rejects(String raw, String error) {
            assertInvalid(Scheme.IN_GST, raw, error);
        }
    }

    @Nested
    class AustralianAbn {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "51 824 753 556   | 51824753556",
                "51824753556      | 51824753556",
                "53 004 085 616   | 53004085616",
                "53-004-085-616   | 53004085616",
                "53.004.085.616   | 53004085616"})
        void accepts(String raw, String normalised) {
            assertValid(Scheme.AU_GST, raw, normalised);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "51 824 753 55    | must be 11 digits",
                "51 824 753 5566  | must be 11 digits",
                "51 824 753 55A   | must be 11 digits",
                "51/824/753/556   | must be 11 digits",
                "51 824 753 557   | is not a valid ABN: the checksum does not match",
                "15 824 753 556   | is not a valid ABN: the checksum does not match",
                "53 004 085 617   | is not a valid ABN: the checksum does not match"})
        void rejects(String raw, String error) {
            assertInvalid(Scheme.AU_GST, raw, error);
        }
    }

    @Nested
    class UsEin {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "12-3456789   | 123456789",
                "123456789    | 123456789",
                "98 7654321   | 987654321",
                "' 01-2345678 ' | 012345678"})
        void accepts(String raw, String normalised) {
            assertValid(Scheme.US_EIN, raw, normalised);
        }

        @ParameterizedTest
        @ValueSource(strings = {"01", "06", "10", "16", "20", "27", "30", "39", "40", "48", "50", "68", "71", "77",
                "80", "88", "90", "95", "98", "99"})
        void acceptsEveryCampusPrefix(String prefix) {
            assertValid(Scheme.US_EIN, prefix + "-1234567", prefix + "1234567");
        }

        @ParameterizedTest
        @ValueSource(strings = {"00", "07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70", "78", "79",
                "89", "96", "97"})
        void rejectsUnassignedPrefixes(String prefix) {
            assertInvalid(Scheme.US_EIN, prefix + "-1234567",
                    "is not a valid EIN: its first two digits are not a prefix the IRS assigns");
        }

        @ParameterizedTest
        @ValueSource(strings = {"12-345678", "12-34567890", "12-345678X", "12/3456789", "EIN123456789"})
        void rejectsAnythingButNineDigits(String raw) {
            assertInvalid(Scheme.US_EIN, raw, "must be 9 digits");
        }
    }

    @Nested
    class FrenchVat {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "FR40303265045       | FR40303265045",
                "FR 40 303 265 045   | FR40303265045",
                "fr23334175221       | FR23334175221",
                "FR-23-334.175.221   | FR23334175221",
                "FRA0303265045       | FRA0303265045",
                "FR4Z303265045       | FR4Z303265045"})
        void accepts(String raw, String normalised) {
            assertValid(Scheme.FR_VAT, raw, normalised);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "FR4030326504        | must be FR followed by a 2-character key and a 9-digit SIREN",
                "FR403032650451      | must be FR followed by a 2-character key and a 9-digit SIREN",
                "40303265045         | must be FR followed by a 2-character key and a 9-digit SIREN",
                "DE40303265045       | must be FR followed by a 2-character key and a 9-digit SIREN",
                "FRI0303265045       | must be FR followed by a 2-character key and a 9-digit SIREN",
                "FR4O303265045       | must be FR followed by a 2-character key and a 9-digit SIREN",
                "FR4030326504X       | must be FR followed by a 2-character key and a 9-digit SIREN",
                "FR41303265045       | is not a valid French VAT number: the key does not match the SIREN",
                "FR23334175222       | is not a valid French VAT number: the key does not match the SIREN"})
        void rejects(String raw, String error) {
            assertInvalid(Scheme.FR_VAT, raw, error);
        }
    }

    @Nested
    class EuVat {

        @ParameterizedTest
        @ValueSource(strings = {
                "ATU12345678", "BE0123456789", "BE1234567890", "BG123456789", "BG1234567890", "CY12345678X",
                "CZ12345678", "CZ123456789", "CZ1234567890", "DE123456789", "DK12345678", "EE123456789",
                "EL123456789", "ESX1234567X", "ES12345678Z", "ESA12345678", "FI12345678", "FR40303265045",
                "HR12345678901", "HU12345678", "IE1234567T", "IE1234567WA", "IE8Z49289F", "IE1+23456T",
                "IE1*23456T", "IT12345678901", "LT123456789", "LT123456789012", "LU12345678", "LV12345678901",
                "MT12345678", "NL123456789B01", "PL1234567890", "PT123456789", "RO12", "RO1234567890",
                "SE123456789001", "SI12345678", "SK1234567890", "XI123456789", "XI123456789012", "XIGD123",
                "XIHA123"})
        void acceptsTheFormatOfEachCountry(String vat) {
            assertValid(Scheme.EU_VAT, vat, vat);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "DE 123 456 789      | DE123456789",
                "nl.123.456.789.b01  | NL123456789B01",
                "be 0123-456-789     | BE0123456789",
                "FR 40 303 265 045   | FR40303265045",
                "atu-12345678        | ATU12345678"})
        void normalises(String raw, String normalised) {
            assertValid(Scheme.EU_VAT, raw, normalised);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "123456789           | must start with a two-letter country prefix",
                "D                   | must start with a two-letter country prefix",
                "GR123456789         | is not a valid EU VAT number: the country prefix is not an EU VAT prefix",
                "GB123456789         | is not a valid EU VAT number: the country prefix is not an EU VAT prefix",
                "CH123456789         | is not a valid EU VAT number: the country prefix is not an EU VAT prefix",
                "DE12345678          | is not a valid EU VAT number: after the country prefix it must be 9 digits",
                "DE1234567890        | is not a valid EU VAT number: after the country prefix it must be 9 digits",
                "DE12345678X         | is not a valid EU VAT number: after the country prefix it must be 9 digits",
                "DE                  | is not a valid EU VAT number: after the country prefix it must be 9 digits",
                "ATU1234567          | is not a valid EU VAT number: after the country prefix it must be U followed by 8 digits",
                "AT123456789         | is not a valid EU VAT number: after the country prefix it must be U followed by 8 digits",
                "BE2123456789        | is not a valid EU VAT number: after the country prefix it must be 10 digits starting with 0 or 1",
                "NL123456789A01      | is not a valid EU VAT number: after the country prefix it must be 9 digits, the letter B and 2 digits",
                "LT1234567890        | is not a valid EU VAT number: after the country prefix it must be 9 or 12 digits",
                "RO1                 | is not a valid EU VAT number: after the country prefix it must be 2 to 10 digits",
                "XIGD1234            | is not a valid EU VAT number: after the country prefix it must be 9 or 12 digits, or GD or HA followed by 3 digits",
                "FR4030326504        | must be FR followed by a 2-character key and a 9-digit SIREN",
                "FR41303265045       | is not a valid French VAT number: the key does not match the SIREN"})
        void rejects(String raw, String error) {
            assertInvalid(Scheme.EU_VAT, raw, error);
        }

        @Test
        void doesNotTreatALineBreakAsAMissingPrefix() {
            assertInvalid(Scheme.EU_VAT, "DE123\n456789",
                    "is not a valid EU VAT number: after the country prefix it must be 9 digits");
        }
    }

    @Nested
    class SingaporeGst {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "M90312345A          | M90312345A",
                "MR8500011L          | MR8500011L",
                "mr-8500011-l        | MR8500011L",
                "53312345D           | 53312345D",
                "199912345K          | 199912345K",
                "2019 12345 K        | 201912345K",
                "T08LL1234A          | T08LL1234A",
                "s.99.ab.1234.c      | S99AB1234C"})
        void accepts(String raw, String normalised) {
            assertValid(Scheme.SG_GST, raw, normalised);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "5331234D            | must be 9 or 10 characters",
                "M903123456A         | must be 9 or 10 characters",
                "M9031234A           | is not a valid Singapore GST registration number or UEN",
                "A90312345A          | is not a valid Singapore GST registration number or UEN",
                "M903123456          | is not a valid Singapore GST registration number or UEN",
                "189912345K          | is not a valid Singapore GST registration number or UEN",
                "U08LL1234A          | is not a valid Singapore GST registration number or UEN",
                "T08L11234A          | is not a valid Singapore GST registration number or UEN",
                "M9031/345A          | is not a valid Singapore GST registration number or UEN"})
        void rejects(String raw, String error) {
            assertInvalid(Scheme.SG_GST, raw, error);
        }
    }
}
