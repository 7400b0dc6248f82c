package io.billfold.api.customer;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The customer is archived; unarchive it before changing it. */
public class CustomerArchivedException extends BillfoldException {

    public CustomerArchivedException(String customerId) {
        super(ErrorKind.CONFLICT, "customer_archived", "Customer " + customerId + " is archived");
    }
}
