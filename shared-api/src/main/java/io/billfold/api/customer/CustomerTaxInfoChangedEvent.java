package io.billfold.api.customer;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The list of tax identifiers changed. */
@Revision("1")
public record CustomerTaxInfoChangedEvent(@DataSubject String customerId, @PersonalData(erasedAs = "[]") List<TaxIdentifier> taxInfo) {
}
