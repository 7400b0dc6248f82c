package io.billfold.api.customer;

/** A tax registration: {@code taxCode} names the scheme (IN_GST, EU_VAT, ...), {@code taxId} is stored without separators. */
public record TaxIdentifier(String countryCode, String taxCode, String taxId) {
}
