package io.billfold.api.customer;

import io.billfold.api.PersonalData;
import java.util.List;

/**
 * Everything a client can set on a customer. In a command it is the raw input; in an event it is normalised
 * (trimmed, E.164 phone, alpha-2 countries, separator-free tax ids, defaults filled in).
 *
 * @param customData a JSON object as text, or null
 */
public record CustomerDetails(
        @PersonalData(erasedAs = "\"[erased]\"") String customerName,
        @PersonalData String externalId,
        @PersonalData String email,
        @PersonalData String phoneNumber,
        @PersonalData Address address,
        @PersonalData Address shipToAddress,
        @PersonalData(erasedAs = "[]") List<TaxIdentifier> taxInfo,
        @PersonalData String customData,
        Boolean communicationsEnabled,
        Boolean autoChargeEnabled,
        String businessEntityId,
        @PersonalData Connector connector) {
}
