package io.billfold.api.customer;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The customer is archived; unarchive it before changing it. */
@ApiError(kind = ErrorKind.CONFLICT, code = "customer_archived")
public class CustomerArchivedException extends BillfoldException {

    public CustomerArchivedException(String customerId) {
        super("Customer " + customerId + " is archived");
    }
}
