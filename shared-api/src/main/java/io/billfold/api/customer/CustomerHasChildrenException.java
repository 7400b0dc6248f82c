package io.billfold.api.customer;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** A customer with live children cannot be archived. */
@ApiError(kind = ErrorKind.CONFLICT, code = "customer_has_children")
public class CustomerHasChildrenException extends BillfoldException {

    public CustomerHasChildrenException(String customerId) {
        super("Customer " + customerId + " has live children; detach or archive them first");
    }
}
