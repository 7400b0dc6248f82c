package io.billfold.api.customer;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The customer does not exist in the caller's organization. */
@ApiError(kind = ErrorKind.NOT_FOUND, code = "customer_not_found")
public class CustomerNotFoundException extends BillfoldException {

    public CustomerNotFoundException(String customerId) {
        super("No customer " + customerId);
    }
}
