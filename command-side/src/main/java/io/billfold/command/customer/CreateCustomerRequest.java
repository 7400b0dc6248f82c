package io.billfold.command.customer;

import io.billfold.api.customer.Address;
import io.billfold.api.customer.Connector;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.api.customer.TaxIdentifier;
import tools.jackson.databind.JsonNode;

import java.util.List;

/** The body of {@code POST /v1/customers}; field names are the API's (snake_case). */
record CreateCustomerRequest(
        String customerName,
        String externalId,
        String email,
        String phoneNumber,
        Address address,
        Address shipToAddress,
        List<TaxIdentifier> taxInfo,
        JsonNode customData,
        Boolean communicationsEnabled,
        Boolean autoChargeEnabled,
        String businessEntityId,
        Connector connector,
        String parentCustomerId) {

    CustomerDetails toDetails() {
        return new CustomerDetails(customerName, externalId, email, phoneNumber, address, shipToAddress, taxInfo,
                customData == null || customData.isNull() ? null : customData.toString(),
                communicationsEnabled, autoChargeEnabled, businessEntityId, connector);
    }
}
