package io.billfold.projection;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** No projection has this name. */
@ApiError(kind = ErrorKind.NOT_FOUND, code = "projection_not_found")
public class ProjectionNotFoundException extends BillfoldException {

    public ProjectionNotFoundException(String name) {
        super("There is no projection named " + name);
    }
}
