package io.billfold.api.customer;

/** The customer's record in an external system (CRM, payment gateway). */
public record Connector(String name, String referenceId) {
}
