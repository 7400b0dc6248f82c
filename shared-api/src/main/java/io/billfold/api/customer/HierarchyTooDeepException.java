package io.billfold.api.customer;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The hierarchy would have more levels than allowed. */
@ApiError(kind = ErrorKind.INVALID, code = "hierarchy_too_deep")
public class HierarchyTooDeepException extends BillfoldException {

    public HierarchyTooDeepException(int maxLevels) {
        super("A hierarchy has at most " + maxLevels + " levels");
    }
}
