package io.billfold.api.customer;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The hierarchy would have more levels than allowed. */
public class HierarchyTooDeepException extends BillfoldException {

    public HierarchyTooDeepException(int maxLevels) {
        super(ErrorKind.INVALID, "hierarchy_too_deep", "A hierarchy has at most " + maxLevels + " levels");
    }
}
