package io.billfold.command.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a customer import file; they mirror the fields of {@code POST /v1/customers}, addresses and the tax
 * identifier flattened, and {@code parent_external_id} in place of {@code parent_customer_id}.
 */
final class CsvColumns {

    static final String CUSTOMER_NAME = "customer_name";
    static final String EXTERNAL_ID = "external_id";
    static final String EMAIL = "email";
    static final String PHONE_NUMBER = "phone_number";
    static final String ADDRESS = "address";
    static final String SHIP_TO_ADDRESS = "ship_to_address";
    static final List<String> ADDRESS_PARTS = List.of("line1", "line2", "line3", "city", "state", "zip_code", "country");
    static final String TAX_COUNTRY_CODE = "tax_country_code";
    static final String TAX_CODE = "tax_code";
    static final String TAX_ID = "tax_id";
    static final String CUSTOM_DATA = "custom_data";
    static final String COMMUNICATIONS_ENABLED = "communications_enabled";
    static final String AUTO_CHARGE_ENABLED = "auto_charge_enabled";
    static final String BUSINESS_ENTITY_ID = "business_entity_id";
    static final String PARENT_EXTERNAL_ID = "parent_external_id";

    /** Every column, in the template's order. */
    static final List<String> ALL = all();

    /** The example row of the template, in the order of {@link #ALL}. */
    static final List<String> EXAMPLE = List.of("Acme Corporation", "crm-001", "billing@acme.example",
            "+1 415 555 0123", "1 Market St", "Suite 400", "", "San Francisco", "CA", "94105", "US",
            "", "", "", "", "", "", "",
            "US", "US_EIN", "12-3456789", "{\"tier\": \"gold\"}", "true", "false", "", "");

    private CsvColumns() {
    }

    static String addressColumn(String address, String part) {
        return address + "_" + part;
    }

    private static List<String> all() {
        List<String> columns = new ArrayList<>(List.of(CUSTOMER_NAME, EXTERNAL_ID, EMAIL, PHONE_NUMBER));
        for (String address : List.of(ADDRESS, SHIP_TO_ADDRESS)) {
            ADDRESS_PARTS.forEach(part -> columns.add(addressColumn(address, part)));
        }
        columns.addAll(List.of(TAX_COUNTRY_CODE, TAX_CODE, TAX_ID, CUSTOM_DATA, COMMUNICATIONS_ENABLED,
                AUTO_CHARGE_ENABLED, BUSINESS_ENTITY_ID, PARENT_EXTERNAL_ID));
        return List.copyOf(columns);
    }
}
