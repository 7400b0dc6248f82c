package io.billfold.api.customer;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** A customer with live children cannot be archived. */
public class CustomerHasChildrenException extends BillfoldException {

    public CustomerHasChildrenException(String customerId) {
        super(ErrorKind.CONFLICT, "customer_has_children", "Customer " + customerId + " has live children; detach or archive them first");
    }
}
