package io.billfold.api.customer;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import org.axonframework.serialization.Revision;

/** The customer's name changed. */
@Revision("1")
public record CustomerRenamedEvent(@DataSubject String customerId, @PersonalData(erasedAs = "\"[erased]\"") String customerName) {
}
