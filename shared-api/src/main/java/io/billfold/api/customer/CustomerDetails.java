package io.billfold.api.customer;

import java.util.List;

/**
 * Everything a client can set on a customer. In a command it is the raw input; in an event it is normalised
 * (trimmed, E.164 phone, alpha-2 countries, separator-free tax ids, defaults filled in).
 *
 * @param customData a JSON object as text, or null
 */
public record CustomerDetails(
        String customerName,
        String externalId,
        String email,
        String phoneNumber,
        Address address,
        Address shipToAddress,
        List<TaxIdentifier> taxInfo,
        String customData,
        Boolean communicationsEnabled,
        Boolean autoChargeEnabled,
        String businessEntityId,
        Connector connector) {
}
