package io.billfold.command.importing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.billfold.api.customer.Address;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.api.customer.TaxIdentifier;
import io.billfold.api.error.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one record of an import file into what {@code POST /v1/customers} would receive (the details of a create)
 * and what {@code PATCH} would receive (a merge patch of the cells that are filled in). It only translates: empty
 * cells are absent, booleans are {@code true}/{@code false}; every rule is left to the customer's commands.
 */
final class CsvRowMapping {

    /** Only checks that a custom_data cell is one JSON value, so that it can be embedded in a patch as written. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** A mapped record: {@code errors} is empty when details and patch are usable. */
    record MappedRow(CustomerDetails details, String mergePatch, String parentExternalId, List<FieldError> errors) {
    }

    private final List<String> columns;

    /** {@code columns}: the file's header names, normalised (see {@link CsvHeader}), in the file's order. */
    CsvRowMapping(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    MappedRow map(List<String> cells) {
        List<FieldError> errors = new ArrayList<>();
        if (cells.size() > columns.size()) {
            errors.add(new FieldError(null, "too_many_values",
                    "has " + cells.size() + " values, the header has " + columns.size() + " columns"));
            return new MappedRow(null, null, null, errors);
        }
        Cells row = new Cells(cells);
        Boolean communications = row.bool(CsvColumns.COMMUNICATIONS_ENABLED, errors);
        Boolean autoCharge = row.bool(CsvColumns.AUTO_CHARGE_ENABLED, errors);
        if (!errors.isEmpty()) {
            return new MappedRow(null, null, null, errors);
        }
        Address address = row.address(CsvColumns.ADDRESS);
        Address shipTo = row.address(CsvColumns.SHIP_TO_ADDRESS);
        TaxIdentifier tax = row.tax();
        CustomerDetails details = new CustomerDetails(row.get(CsvColumns.CUSTOMER_NAME),
                row.get(CsvColumns.EXTERNAL_ID), row.get(CsvColumns.EMAIL), row.get(CsvColumns.PHONE_NUMBER),
                address, shipTo, tax == null ? null : List.of(tax), row.get(CsvColumns.CUSTOM_DATA),
                communications, autoCharge, row.get(CsvColumns.BUSINESS_ENTITY_ID), null);
        return new MappedRow(details, patch(row, communications, autoCharge), row.get(CsvColumns.PARENT_EXTERNAL_ID),
                List.of());
    }

    /** The cells that are filled in, as a merge patch: what is left empty stays as it is. */
    private String patch(Cells row, Boolean communications, Boolean autoCharge) {
        ObjectNode patch = JSON.createObjectNode();
        for (String field : List.of(CsvColumns.CUSTOMER_NAME, CsvColumns.EXTERNAL_ID, CsvColumns.EMAIL,
                CsvColumns.PHONE_NUMBER, CsvColumns.BUSINESS_ENTITY_ID)) {
            putIfPresent(patch, field, row.get(field));
        }
        for (String address : List.of(CsvColumns.ADDRESS, CsvColumns.SHIP_TO_ADDRESS)) {
            ObjectNode parts = JSON.createObjectNode();
            CsvColumns.ADDRESS_PARTS.forEach(part -> putIfPresent(parts, part, row.get(CsvColumns.addressColumn(address, part))));
            if (!parts.isEmpty()) {
                patch.set(address, parts);
            }
        }
        TaxIdentifier tax = row.tax();
        if (tax != null) {
            ObjectNode entry = patch.putArray("tax_info").addObject();
            putIfPresent(entry, "country_code", tax.countryCode());
            putIfPresent(entry, "tax_code", tax.taxCode());
            putIfPresent(entry, "tax_id", tax.taxId());
        }
        String customData = row.get(CsvColumns.CUSTOM_DATA);
        if (customData != null) {
            if (isJson(customData)) {
                patch.putRawValue(CsvColumns.CUSTOM_DATA, new RawValue(customData));
            } else {
                // Left to the customer's validation, which refuses it as it refuses any custom_data that is not an object.
                patch.put(CsvColumns.CUSTOM_DATA, customData);
            }
        }
        if (communications != null) {
            patch.put(CsvColumns.COMMUNICATIONS_ENABLED, communications);
        }
        if (autoCharge != null) {
            patch.put(CsvColumns.AUTO_CHARGE_ENABLED, autoCharge);
        }
        return patch.toString();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    /**
     * The column an error of the customer's validation is about: {@code address.city} is {@code address_city},
     * {@code tax_info[0].country_code} is {@code tax_country_code}; null for the record as a whole.
     */
    static String column(String field) {
        if (field == null || field.equals("body")) {
            return null;
        }
        if (field.startsWith("tax_info")) {
            int member = field.indexOf("].");
            String part = member < 0 ? "tax_id" : field.substring(member + 2);
            return part.equals("country_code") ? CsvColumns.TAX_COUNTRY_CODE : part;
        }
        return field.replace('.', '_');
    }

    /** The cells of one record by column name; empty and missing trailing cells are absent (null). */
    private final class Cells {
        private final List<String> cells;

        Cells(List<String> cells) {
            this.cells = cells;
        }

        String get(String column) {
            int index = columns.indexOf(column);
            if (index < 0 || index >= cells.size()) {
                return null;
            }
            String value = cells.get(index);
            return value == null || value.isEmpty() ? null : value;
        }

        Boolean bool(String column, List<FieldError> errors) {
            String value = get(column);
            if (value == null) {
                return null;
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> {
                    errors.add(new FieldError(column, "invalid_type", "must be true or false"));
                    yield null;
                }
            };
        }

        Address address(String address) {
            List<String> parts = CsvColumns.ADDRESS_PARTS.stream()
                    .map(part -> get(CsvColumns.addressColumn(address, part))).toList();
            if (parts.stream().allMatch(part -> part == null)) {
                return null;
            }
            return new Address(parts.get(0), parts.get(1), parts.get(2), parts.get(3), parts.get(4), parts.get(5),
                    parts.get(6));
        }

        TaxIdentifier tax() {
            String country = get(CsvColumns.TAX_COUNTRY_CODE);
            String code = get(CsvColumns.TAX_CODE);
            String id = get(CsvColumns.TAX_ID);
            return country == null && code == null && id == null ? null : new TaxIdentifier(country, code, id);
        }
    }
}
