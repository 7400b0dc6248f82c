package io.billfold.query.projection;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** No projection has this name. */
class ProjectionNotFoundException extends BillfoldException {

    ProjectionNotFoundException(String name) {
        super(ErrorKind.NOT_FOUND, "projection_not_found", "There is no projection named " + name);
    }
}
