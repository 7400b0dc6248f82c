package io.billfold.command.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.billfold.api.Countries;
import io.billfold.api.customer.Address;
import io.billfold.api.customer.Connector;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.api.customer.TaxIdentifier;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every customer's details obey, applied to the whole of a create or of a patched customer: it either
 * returns the normalised details or fails listing every invalid field.
 */
final class CustomerValidation {

    static final int MAX_TEXT = 255;
    static final int MAX_CUSTOM_DATA_BYTES = 16 * 1024;
    static final int MAX_TAX_IDS = 20;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TOP_LEVEL_DOMAIN = Pattern.compile("[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}");

    private final List<FieldError> errors = new ArrayList<>();

    private CustomerValidation() {
    }

    static CustomerDetails normalise(CustomerDetails input) {
        CustomerValidation validation = new CustomerValidation();
        CustomerDetails normalised = validation.details(input);
        if (!validation.errors.isEmpty()) {
            throw new ValidationFailedException(validation.errors);
        }
        return normalised;
    }

    /** True when the custom data says the customer is exempt from tax ({@code "exempt_tax": true}). */
    static boolean taxExempt(String customData) {
        return ApiJson.parse(customData)
                .map(data -> data.get("exempt_tax"))
                .map(exemptTax -> exemptTax.isBoolean() && exemptTax.booleanValue())
                .orElse(false);
    }

    private CustomerDetails details(CustomerDetails in) {
        String name = text("customer_name", in.customerName());
        if (name == null) {
            errors.add(new FieldError("customer_name", "required", "is required"));
        }
        Address address = address("address", in.address());
        String phoneRegion = address != null && address.country() != null ? address.country() : null;
        return new CustomerDetails(
                name,
                text("external_id", in.externalId()),
                email("email", in.email()),
                phone("phone_number", in.phoneNumber(), phoneRegion),
                address,
                address("ship_to_address", in.shipToAddress()),
                taxInfo(in.taxInfo()),
                customData(in.customData()),
                in.communicationsEnabled() == null || in.communicationsEnabled(),
                in.autoChargeEnabled() != null && in.autoChargeEnabled(),
                text("business_entity_id", in.businessEntityId()),
                connector(in.connector()));
    }

    /** A trimmed text of 1..255 characters without control characters; null stays null, blank is refused. */
    private String text(String field, String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            errors.add(new FieldError(field, "blank", "must not be blank (send null to clear it)"));
            return null;
        }
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_TEXT) {
            errors.add(new FieldError(field, "too_long", "must be at most " + MAX_TEXT + " characters"));
            return null;
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "invalid_value", "must not contain control characters"));
            return null;
        }
        return trimmed;
    }

    private String email(String field, String value) {
        String email = text(field, value);
        if (email == null) {
            return null;
        }
        if (!isEmail(email)) {
            errors.add(new FieldError(field, "invalid_email", "is not a valid email address"));
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
    private String phone(String field, String value, String region) {
        String raw = text(field, value);
        if (raw == null) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(raw, region == null ? "ZZ" : region);
            if (number.hasExtension()) {
                errors.add(new FieldError(field, "invalid_phone_number", "must not have an extension (E.164 has none)"));
                return null;
            }
            if (PHONES.isValidNumber(number)) {
                return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // reported below like any other invalid number
        }
        errors.add(new FieldError(field, "invalid_phone_number",
                "is not a valid phone number (use international format, e.g. +14155550123)"));
        return null;
    }

    private Address address(String field, Address in) {
        if (in == null) {
            return null;
        }
        String countryText = text(field + ".country", in.country());
        String country = countryText == null ? null : country(field + ".country", countryText);
        Address address = new Address(text(field + ".line1", in.line1()), text(field + ".line2", in.line2()),
                text(field + ".line3", in.line3()), text(field + ".city", in.city()),
                text(field + ".state", in.state()), text(field + ".zip_code", in.zipCode()), country);
        return address.equals(new Address(null, null, null, null, null, null, null)) ? null : address;
    }

    private String country(String field, String value) {
        Optional<String> alpha2 = Countries.toAlpha2(value);
        if (alpha2.isEmpty()) {
            errors.add(new FieldError(field, "invalid_country", "must be an ISO 3166-1 alpha-2 or alpha-3 country code"));
        }
        return alpha2.orElse(null);
    }

    private List<TaxIdentifier> taxInfo(List<TaxIdentifier> in) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        if (in.size() > MAX_TAX_IDS) {
            errors.add(new FieldError("tax_info", "too_many", "must have at most " + MAX_TAX_IDS + " entries"));
            return List.of();
        }
        List<TaxIdentifier> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            TaxIdentifier entry = taxIdentifier("tax_info[" + i + "]", in.get(i));
            if (entry != null && !seen.add(entry.taxCode() + ':' + entry.taxId())) {
                errors.add(new FieldError("tax_info[" + i + "]", "duplicate", "is listed twice"));
            } else if (entry != null) {
                out.add(entry);
            }
        }
        return List.copyOf(out);
    }

    private TaxIdentifier taxIdentifier(String field, TaxIdentifier in) {
        if (in == null) {
            errors.add(new FieldError(field, "required", "must be an object"));
            return null;
        }
        Optional<TaxIdValidator.Scheme> scheme = in.taxCode() == null ? Optional.empty()
                : TaxIdValidator.Scheme.of(in.taxCode().strip());
        if (scheme.isEmpty()) {
            errors.add(new FieldError(field + ".tax_code", in.taxCode() == null ? "required" : "invalid_tax_code",
                    "must be one of IN_GST, AU_GST, EU_VAT, FR_VAT, SG_GST, US_EIN"));
            return null;
        }
        TaxIdValidator.Result result = TaxIdValidator.validate(scheme.get(), in.taxId());
        if (!result.valid()) {
            errors.add(new FieldError(field + ".tax_id", in.taxId() == null ? "required" : "invalid_tax_id",
                    result.error()));
            return null;
        }
        String schemeCountry = countryOf(scheme.get(), result.normalised());
        String country = in.countryCode() == null ? schemeCountry : country(field + ".country_code", in.countryCode());
        if (country != null && !country.equals(schemeCountry)) {
            errors.add(new FieldError(field + ".country_code", "country_mismatch",
                    "does not match the country of the " + scheme.get() + " identifier (" + schemeCountry + ")"));
            return null;
        }
        return country == null ? null : new TaxIdentifier(country, scheme.get().name(), result.normalised());
    }

    /** The country a valid identifier belongs to; for EU VAT numbers, the country of its prefix. */
    private static String countryOf(TaxIdValidator.Scheme scheme, String normalisedId) {
        return switch (scheme) {
            case IN_GST -> "IN";
            case AU_GST -> "AU";
            case FR_VAT -> "FR";
            case SG_GST -> "SG";
            case US_EIN -> "US";
            case EU_VAT -> switch (normalisedId.substring(0, 2)) {
                case "EL" -> "GR";
                case "XI" -> "GB";
                default -> normalisedId.substring(0, 2);
            };
        };
    }

    /** A JSON object of at most 16 KiB, stored compactly; anything else is refused. */
    private String customData(String json) {
        if (json == null) {
            return null;
        }
        JsonNode node = ApiJson.parse(json).orElse(null);
        if (node == null || !node.isObject()) {
            errors.add(new FieldError("custom_data", "not_an_object", "must be a JSON object"));
            return null;
        }
        String compact = node.toString();
        if (compact.getBytes(StandardCharsets.UTF_8).length > MAX_CUSTOM_DATA_BYTES) {
            errors.add(new FieldError("custom_data", "too_large", "must be at most 16 KiB of JSON"));
            return null;
        }
        return compact;
    }

    private Connector connector(Connector in) {
        if (in == null) {
            return null;
        }
        String name = text("connector.name", in.name());
        if (in.name() == null) {
            errors.add(new FieldError("connector.name", "required", "is required"));
        }
        return new Connector(name, text("connector.reference_id", in.referenceId()));
    }

    static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
