package io.billfold.api.customer;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The new parent is the customer itself or one of its descendants. */
@ApiError(kind = ErrorKind.INVALID, code = "hierarchy_cycle")
public class HierarchyCycleException extends BillfoldException {

    public HierarchyCycleException(String customerId, String parentCustomerId) {
        super("Customer " + parentCustomerId + " is " + customerId + " or one of its descendants");
    }
}
