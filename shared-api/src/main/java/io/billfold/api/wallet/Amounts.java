package io.billfold.api.wallet;

import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import org.joda.money.CurrencyUnit;
import org.joda.money.IllegalCurrencyException;
import org.joda.money.Money;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Money as the API writes it: decimal strings in a currency, never floating point. Parsed exactly, refused when it
 * has more decimals than the currency has minor units, and carried in events as minor units.
 */
public final class Amounts {

    /**
     * Codes ISO 4217 lists that are no money a customer holds: precious metals (XAU, XAG, XPD, XPT), bond-market
     * units, special drawing rights, the testing code and the "no currency" code.
     */
    private static final Pattern NOT_MONEY = Pattern.compile("X(A[GU]|B[A-D]|DR|P[DT]|SU|TS|UA|XX)");

    /** Far above any wallet's needs, and far below where minor units would overflow a long. */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    private Amounts() {
    }

    /** The ISO 4217 currency of an upper-case code, or a validation failure of {@code field}. */
    public static CurrencyUnit currency(String field, String code) {
        if (code == null) {
            throw invalid(field, "required", "is required");
        }
        try {
            if (code.matches("[A-Z]{3}") && !NOT_MONEY.matcher(code).matches()) {
                return CurrencyUnit.of(code);
            }
        } catch (IllegalCurrencyException e) {
            // refused below, like a code of the wrong shape
        }
        throw invalid(field, "invalid_currency", "must be an ISO 4217 currency code in upper case");
    }

    /**
     * A positive decimal amount up to the maximum, whatever its currency: what can be checked before the currency is
     * known (a transfer checks it with the request's other fields, before loading a wallet).
     */
    public static BigDecimal positive(String field, String amount) {
        if (amount == null) {
            throw invalid(field, "required", "is required");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(amount.strip());
        } catch (NumberFormatException e) {
            throw invalid(field, "invalid_amount", "must be a decimal number written as a string, e.g. \"125.50\"");
        }
        if (value.signum() <= 0 || value.compareTo(MAX_AMOUNT) > 0) {
            throw invalid(field, "invalid_amount", "must be greater than 0 and at most " + MAX_AMOUNT.toPlainString());
        }
        return value;
    }

    /** A positive amount of {@code currency} in minor units. */
    public static long toMinor(String field, String amount, CurrencyUnit currency) {
        BigDecimal exact = positive(field, amount).stripTrailingZeros();
        if (exact.scale() > currency.getDecimalPlaces()) {
            throw invalid(field, "too_many_decimals",
                    currency.getCode() + " amounts have at most " + currency.getDecimalPlaces() + " decimals");
        }
        return Money.of(currency, exact.setScale(currency.getDecimalPlaces())).getAmountMinorLong();
    }

    /** Minor units of a currency as the API writes them: {@code 12550} USD is {@code "125.50"}. */
    public static String format(long minor, String currency) {
        return Money.ofMinor(CurrencyUnit.of(currency), minor).getAmount().toPlainString();
    }

    private static ValidationFailedException invalid(String field, String code, String message) {
        return new ValidationFailedException(new FieldError(field, code, message));
    }
}
