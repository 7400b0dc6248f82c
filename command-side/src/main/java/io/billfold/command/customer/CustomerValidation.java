package io.billfold.command.customer;

import com.fasterxml.jackson.databind.JsonNode;
import io.billfold.api.customer.Address;
import io.billfold.api.customer.Connector;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.api.customer.TaxIdentifier;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules every customer's details obey, applied to the whole of a create or of a patched customer: it either
 * returns the normalised details or fails listing every invalid field.
 */
final class CustomerValidation {

    static final int MAX_CUSTOM_DATA_BYTES = 16 * 1024;
    static final int MAX_TAX_IDS = 20;
    /** Bounds numbers in custom_data (16 KiB of text can still write 1e999999999), well within what jsonb stores. */
    static final int MAX_NUMBER_DIGITS = 1000;

    private final FieldRules rules = new FieldRules();

    private CustomerValidation() {
    }

    static CustomerDetails normalise(CustomerDetails input) {
        CustomerValidation validation = new CustomerValidation();
        CustomerDetails normalised = validation.details(input);
        validation.rules.throwIfInvalid();
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
        String name = rules.requiredText("customer_name", in.customerName());
        Address address = address("address", in.address());
        String phoneRegion = address != null && address.country() != null ? address.country() : null;
        return new CustomerDetails(
                name,
                rules.text("external_id", in.externalId()),
                rules.email("email", in.email()),
                rules.phone("phone_number", in.phoneNumber(), phoneRegion),
                address,
                address("ship_to_address", in.shipToAddress()),
                taxInfo(in.taxInfo()),
                customData(in.customData()),
                in.communicationsEnabled() == null || in.communicationsEnabled(),
                in.autoChargeEnabled() != null && in.autoChargeEnabled(),
                rules.text("business_entity_id", in.businessEntityId()),
                connector(in.connector()));
    }

    private Address address(String field, Address in) {
        if (in == null) {
            return null;
        }
        String countryText = rules.text(field + ".country", in.country());
        String country = countryText == null ? null : rules.country(field + ".country", countryText);
        Address address = new Address(rules.text(field + ".line1", in.line1()), rules.text(field + ".line2", in.line2()),
                rules.text(field + ".line3", in.line3()), rules.text(field + ".city", in.city()),
                rules.text(field + ".state", in.state()), rules.text(field + ".zip_code", in.zipCode()), country);
        return address.equals(new Address(null, null, null, null, null, null, null)) ? null : address;
    }

    private List<TaxIdentifier> taxInfo(List<TaxIdentifier> in) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        if (in.size() > MAX_TAX_IDS) {
            rules.add("tax_info", "too_many", "must have at most " + MAX_TAX_IDS + " entries");
            return List.of();
        }
        List<TaxIdentifier> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            TaxIdentifier entry = taxIdentifier("tax_info[" + i + "]", in.get(i));
            if (entry != null && !seen.add(entry.taxCode() + ':' + entry.taxId())) {
                rules.add("tax_info[" + i + "]", "duplicate", "is listed twice");
            } else if (entry != null) {
                out.add(entry);
            }
        }
        return List.copyOf(out);
    }

    private TaxIdentifier taxIdentifier(String field, TaxIdentifier in) {
        if (in == null) {
            rules.add(field, "required", "must be an object");
            return null;
        }
        Optional<TaxIdValidator.Scheme> scheme = in.taxCode() == null ? Optional.empty()
                : TaxIdValidator.Scheme.of(in.taxCode().strip());
        if (scheme.isEmpty()) {
            rules.add(field + ".tax_code", in.taxCode() == null ? "required" : "invalid_tax_code",
                    "must be one of IN_GST, AU_GST, EU_VAT, FR_VAT, SG_GST, US_EIN");
            return null;
        }
        TaxIdValidator.Result result = TaxIdValidator.validate(scheme.get(), in.taxId());
        if (!result.valid()) {
            rules.add(field + ".tax_id", in.taxId() == null ? "required" : "invalid_tax_id",
                    result.error());
            return null;
        }
        String schemeCountry = countryOf(scheme.get(), result.normalised());
        String country = in.countryCode() == null ? schemeCountry : rules.country(field + ".country_code", in.countryCode());
        if (country != null && !country.equals(schemeCountry)) {
            rules.add(field + ".country_code", "country_mismatch",
                    "does not match the country of the " + scheme.get() + " identifier (" + schemeCountry + ")");
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
            rules.add("custom_data", "not_an_object", "must be a JSON object");
            return null;
        }
        if (containsNul(node)) {
            rules.add("custom_data", "invalid_value", "must not contain NUL characters");
            return null;
        }
        if (!numbersInRange(node)) {
            rules.add("custom_data", "number_out_of_range",
                    "numbers must have at most " + MAX_NUMBER_DIGITS + " digits before and after the decimal point");
            return null;
        }
        String compact = node.toString();
        if (compact.getBytes(StandardCharsets.UTF_8).length > MAX_CUSTOM_DATA_BYTES) {
            rules.add("custom_data", "too_large", "must be at most 16 KiB of JSON");
            return null;
        }
        return compact;
    }

    /** NUL, in a key or a value, is the one character PostgreSQL's jsonb cannot store. */
    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\u0000') >= 0;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            if (names.next().indexOf('\u0000') >= 0) {
                return true;
            }
        }
        for (JsonNode child : node) {
            if (containsNul(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean numbersInRange(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            return value.precision() - value.scale() <= MAX_NUMBER_DIGITS && value.scale() <= MAX_NUMBER_DIGITS;
        }
        for (JsonNode child : node) {
            if (!numbersInRange(child)) {
                return false;
            }
        }
        return true;
    }

    private Connector connector(Connector in) {
        if (in == null) {
            return null;
        }
        String name = rules.requiredText("connector.name", in.name());
        return new Connector(name, rules.text("connector.reference_id", in.referenceId()));
    }
}
