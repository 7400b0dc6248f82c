package io.billfold.command.customer;

import io.billfold.api.customer.Address;
import io.billfold.api.customer.Connector;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.api.customer.TaxIdentifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Builds a {@link CustomerDetails} for tests; every field starts null. */
final class CustomerDetailsBuilder {

    private String customerName;
    private String externalId;
    private String email;
    private String phoneNumber;
    private Address address;
    private Address shipToAddress;
    private List<TaxIdentifier> taxInfo;
    private String customData;
    private Boolean communicationsEnabled;
    private Boolean autoChargeEnabled;
    private String businessEntityId;
    private Connector connector;

    CustomerDetailsBuilder customerName(String value) {
        customerName = value;
        return this;
    }

    CustomerDetailsBuilder externalId(String value) {
        externalId = value;
        return this;
    }

    CustomerDetailsBuilder email(String value) {
        email = value;
        return this;
    }

    CustomerDetailsBuilder phoneNumber(String value) {
        phoneNumber = value;
        return this;
    }

    CustomerDetailsBuilder address(Address value) {
        address = value;
        return this;
    }

    CustomerDetailsBuilder shipToAddress(Address value) {
        shipToAddress = value;
        return this;
    }

    /** The tax identifiers; unlike {@code List.of}, null entries are allowed so that their rejection can be tested. */
    CustomerDetailsBuilder taxInfo(TaxIdentifier... values) {
        return taxInfo(Arrays.asList(values));
    }

    CustomerDetailsBuilder taxInfo(List<TaxIdentifier> values) {
        taxInfo = values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
        return this;
    }

    CustomerDetailsBuilder customData(String value) {
        customData = value;
        return this;
    }

    CustomerDetailsBuilder communicationsEnabled(Boolean value) {
        communicationsEnabled = value;
        return this;
    }

    CustomerDetailsBuilder autoChargeEnabled(Boolean value) {
        autoChargeEnabled = value;
        return this;
    }

    CustomerDetailsBuilder businessEntityId(String value) {
        businessEntityId = value;
        return this;
    }

    CustomerDetailsBuilder connector(Connector value) {
        connector = value;
        return this;
    }

    CustomerDetails build() {
        return new CustomerDetails(customerName, externalId, email, phoneNumber, address, shipToAddress, taxInfo,
                customData, communicationsEnabled, autoChargeEnabled, businessEntityId, connector);
    }
}
