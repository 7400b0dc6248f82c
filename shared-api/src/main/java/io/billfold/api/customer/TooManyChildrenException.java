package io.billfold.api.customer;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The parent already has the most direct children it may have. */
public class TooManyChildrenException extends BillfoldException {

    public TooManyChildrenException(String parentCustomerId, int maxChildren) {
        super(ErrorKind.CONFLICT, "too_many_children", "Customer " + parentCustomerId + " already has " + maxChildren + " children");
    }
}
