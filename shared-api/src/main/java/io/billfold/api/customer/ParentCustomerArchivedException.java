package io.billfold.api.customer;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The parent customer is archived. */
@ApiError(kind = ErrorKind.CONFLICT, code = "parent_archived")
public class ParentCustomerArchivedException extends BillfoldException {

    public ParentCustomerArchivedException(String parentCustomerId) {
        super("Customer " + parentCustomerId + " is archived");
    }
}
