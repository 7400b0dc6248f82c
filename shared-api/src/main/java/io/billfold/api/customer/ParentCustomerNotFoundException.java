package io.billfold.api.customer;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The parent customer does not exist in the caller's organization. */
public class ParentCustomerNotFoundException extends BillfoldException {

    public ParentCustomerNotFoundException(String parentCustomerId) {
        super(ErrorKind.INVALID, "parent_not_found", "No customer " + parentCustomerId + " to attach to");
    }
}
