package io.billfold.command.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.billfold.api.Countries;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.TextRule;
import io.billfold.api.error.ValidationFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules of the field kinds customers and contacts share (texts, emails, phone numbers, countries). Collects every
 * invalid field, so that a request learns all its mistakes at once.
 */
final class FieldRules {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TOP_LEVEL_DOMAIN = Pattern.compile("[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}");

    private final List<FieldError> errors = new ArrayList<>();

    void add(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
    }

    /** Fails with every collected error, if there is one. */
    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
    }

    /** Refuses a missing (null) value. */
    void required(String field, Object value) {
        if (value == null) {
            add(field, "required", "is required");
        }
    }

    /** A required text: {@link #text} that also refuses null. */
    String requiredText(String field, String value) {
        required(field, value);
        return text(field, value);
    }

    /** A trimmed text of 1..255 characters without control characters; null stays null, blank is refused. */
    String text(String field, String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        TextRule.Violation violation = TextRule.violation(trimmed);
        if (violation == null) {
            return trimmed;
        }
        switch (violation) {
            case BLANK -> add(field, "blank", "must not be blank (send null to clear it)");
            case TOO_LONG -> add(field, "too_long", "must be at most " + TextRule.MAX_LENGTH + " characters");
            case CONTROL_CHARACTERS -> add(field, "invalid_value", "must not contain control characters");
        }
        return null;
    }

    String email(String field, String value) {
        String email = text(field, value);
        if (email == null) {
            return null;
        }
        if (!isEmail(email)) {
            add(field, "invalid_email", "is not a valid email address");
            return null;
        }
        return email;
    }

    static boolean isEmail(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || at > 64 || email.length() > 254) {
            return false;
        }
        String[] labels = email.substring(at + 1).split("\\.", -1);
        if (labels.length < 2 || !EMAIL_LOCAL.matcher(email.substring(0, at)).matches()) {
            return false;
        }
        for (String label : labels) {
            if (!DOMAIN_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return TOP_LEVEL_DOMAIN.matcher(labels[labels.length - 1]).matches();
    }

    /** A phone number in E.164; without a leading {@code +} it is read as a number of the address's country. */
    String phone(String field, String value, String region) {
        String raw = text(field, value);
        if (raw == null) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(raw, region == null ? "ZZ" : region);
            if (number.hasExtension()) {
                add(field, "invalid_phone_number", "must not have an extension (E.164 has none)");
                return null;
            }
            if (PHONES.isValidNumber(number)) {
                return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // reported below like any other invalid number
        }
        add(field, "invalid_phone_number",
                "is not a valid phone number (use international format, e.g. +14155550123)");
        return null;
    }

    String country(String field, String value) {
        Optional<String> alpha2 = Countries.toAlpha2(value);
        if (alpha2.isEmpty()) {
            add(field, "invalid_country", "must be an ISO 3166-1 alpha-2 or alpha-3 country code");
        }
        return alpha2.orElse(null);
    }

    /** The form in which emails are compared: case-insensitively. */
    static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
