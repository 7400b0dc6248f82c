package io.billfold.api.customer;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The parent customer is archived. */
public class ParentCustomerArchivedException extends BillfoldException {

    public ParentCustomerArchivedException(String parentCustomerId) {
        super(ErrorKind.CONFLICT, "parent_archived", "Customer " + parentCustomerId + " is archived");
    }
}
