package io.billfold.api.customer;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The customer does not exist in the caller's organization. */
public class CustomerNotFoundException extends BillfoldException {

    public CustomerNotFoundException(String customerId) {
        super(ErrorKind.NOT_FOUND, "customer_not_found", "No customer " + customerId);
    }
}
