package io.billfold.projection;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** No projection has this name. */
public class ProjectionNotFoundException extends BillfoldException {

    public ProjectionNotFoundException(String name) {
        super(ErrorKind.NOT_FOUND, "projection_not_found", "There is no projection named " + name);
    }
}
