package io.billfold.api.customer;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The list of tax identifiers changed. */
@Revision("1")
public record CustomerTaxInfoChangedEvent(String customerId, List<TaxIdentifier> taxInfo) {
}
