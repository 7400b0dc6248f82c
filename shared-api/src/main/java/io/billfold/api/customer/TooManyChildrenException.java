package io.billfold.api.customer;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The parent already has the most direct children it may have. */
@ApiError(kind = ErrorKind.CONFLICT, code = "too_many_children")
public class TooManyChildrenException extends BillfoldException {

    public TooManyChildrenException(String parentCustomerId, int maxChildren) {
        super("Customer " + parentCustomerId + " already has " + maxChildren + " children");
    }
}
