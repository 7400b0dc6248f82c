package io.billfold.api.customer;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The customer's personal data was erased; it can no longer be changed or unarchived. */
public class CustomerErasedException extends BillfoldException {

    public CustomerErasedException(String customerId) {
        super(ErrorKind.CONFLICT, "customer_erased", "Customer " + customerId + " is erased");
    }
}
