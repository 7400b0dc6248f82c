package io.billfold.api.customer;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The parent customer does not exist in the caller's organization. */
@ApiError(kind = ErrorKind.INVALID, code = "parent_not_found")
public class ParentCustomerNotFoundException extends BillfoldException {

    public ParentCustomerNotFoundException(String parentCustomerId) {
        super("No customer " + parentCustomerId + " to attach to");
    }
}
