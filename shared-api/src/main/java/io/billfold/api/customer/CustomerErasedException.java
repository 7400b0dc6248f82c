package io.billfold.api.customer;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The customer's personal data was erased; it can no longer be changed or unarchived. */
@ApiError(kind = ErrorKind.CONFLICT, code = "customer_erased")
public class CustomerErasedException extends BillfoldException {

    public CustomerErasedException(String customerId) {
        super("Customer " + customerId + " is erased");
    }
}
