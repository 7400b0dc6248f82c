package io.billfold.command.wallet;

import static io.billfold.command.wallet.WalletMatchers.assertValidationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.billfold.api.wallet.Amounts;
import org.joda.money.CurrencyUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Money as the API writes it: exact decimal strings in, minor units in events, decimal strings out. */
class AmountsTest {

    @Nested
    class Currency {

        @ParameterizedTest
        @ValueSource(strings = {"USD", "JPY", "BHD", "EUR"})
        void acceptsAnUpperCaseIsoCode(String code) {
            assertThat(Amounts.currency("currency", code)).isEqualTo(CurrencyUnit.of(code));
        }

        @ParameterizedTest
        @ValueSource(strings = {"usd", "Usd", "ZZZ", "US", "USDD", "", " USD", "US1"})
        void refusesAnythingElseAsAnInvalidCurrencyOfTheNamedField(String code) {
            assertValidationFailure(catchThrowable(() -> Amounts.currency("currency", code)),
                    "currency", "invalid_currency");
        }

        @ParameterizedTest
        @ValueSource(strings = {"XTS", "XAU", "XAG", "XDR", "XPT", "XBA"})
        void refusesCodesThatAreNoMoney(String code) {
            assertValidationFailure(catchThrowable(() -> Amounts.currency("currency", code)),
                    "currency", "invalid_currency");
        }

        @Test
        void requiresACode() {
            assertValidationFailure(catchThrowable(() -> Amounts.currency("currency", null)), "currency", "required");
        }
    }

    @Nested
    class ToMinor {

        @ParameterizedTest(name = "{1} {0} is {2} minor units")
        @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
                "USD|125.50|12550",
                "USD|1.5|150",
                "USD|1.50|150",
                "USD|1.500|150",
                "USD|0.01|1",
                "USD|1e3|100000",
                "USD|1E-2|1",
                "USD|+2|200",
                "USD| 1 |100",
                "USD|1000000000000|100000000000000",
                "EUR|99.99|9999",
                "JPY|150|150",
                "JPY|1.0|1",
                "JPY|1e3|1000",
                "BHD|1.005|1005",
                "BHD|0.001|1",
                "BHD|2|2000"})
        void parsesAnExactDecimal(String currency, String amount, long minor) {
            assertThat(Amounts.toMinor("amount", amount, CurrencyUnit.of(currency))).isEqualTo(minor);
        }

        @ParameterizedTest(name = "{1} {0}")
        @CsvSource(delimiter = '|', value = {
                "USD|1.005",
                "USD|0.001",
                "USD|1e-3",
                "EUR|10.999",
                "JPY|1.5",
                "JPY|0.1",
                "BHD|1.0005"})
        void refusesMoreDecimalsThanTheCurrencyHas(String currency, String amount) {
            assertValidationFailure(catchThrowable(() -> Amounts.toMinor("amount", amount, CurrencyUnit.of(currency))),
                    "amount", "too_many_decimals");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.00", "-0", "-1", "-0.01", "1000000000000.01", "1e13"})
        void refusesAnAmountThatIsNotPositiveOrAboveTheMaximum(String amount) {
            assertValidationFailure(catchThrowable(() -> Amounts.toMinor("amount", amount, CurrencyUnit.USD)),
                    "amount", "invalid_amount");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1,00", "NaN", "Infinity", "-Infinity", "abc", "1.2.3", "0x10", "$5", "   "})
        void refusesWhatIsNotADecimalNumber(String amount) {
            assertValidationFailure(catchThrowable(() -> Amounts.toMinor("amount", amount, CurrencyUnit.USD)),
                    "amount", "invalid_amount");
        }

        @ParameterizedTest
        @NullAndEmptySource
        void requiresAnAmountAndRefusesAnEmptyOne(String amount) {
            assertValidationFailure(catchThrowable(() -> Amounts.toMinor("amount", amount, CurrencyUnit.USD)),
                    "amount", amount == null ? "required" : "invalid_amount");
        }

        @Test
        void namesTheFieldItWasGiven() {
            assertValidationFailure(catchThrowable(() -> Amounts.toMinor("lines[2].amount", "1.001",
                    CurrencyUnit.USD)), "lines[2].amount", "too_many_decimals");
        }
    }

    @Nested
    class Format {

        @ParameterizedTest(name = "{0} minor units of {1} are {2}")
        @CsvSource({
                "0, USD, 0.00",
                "1, USD, 0.01",
                "12550, USD, 125.50",
                "100000, USD, 1000.00",
                "100000000000000, USD, 1000000000000.00",
                "9999, EUR, 99.99",
                "0, JPY, 0",
                "150, JPY, 150",
                "100000, JPY, 100000",
                "0, BHD, 0.000",
                "1005, BHD, 1.005",
                "2000, BHD, 2.000"})
        void writesAllTheCurrencysDecimalsWithoutAnExponent(long minor, String currency, String formatted) {
            assertThat(Amounts.format(minor, currency)).isEqualTo(formatted);
        }

        @ParameterizedTest
        @CsvSource({"USD, 125.5, 125.50", "USD, 1e3, 1000.00", "JPY, 150, 150", "BHD, 1.5, 1.500"})
        void writesBackWhatWasParsedInTheCurrencysOwnScale(String currency, String amount, String formatted) {
            long minor = Amounts.toMinor("amount", amount, CurrencyUnit.of(currency));

            assertThat(Amounts.format(minor, currency)).isEqualTo(formatted);
        }
    }
}
