package io.billfold.api.customer;

/** A postal address; {@code country} is stored as ISO 3166-1 alpha-2. */
public record Address(String line1, String line2, String line3, String city, String state, String zipCode, String country) {
}
