package io.billfold.api.customer;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** No customer import with this id in the caller's organization. */
@ApiError(kind = ErrorKind.NOT_FOUND, code = "import_not_found")
public class CustomerImportNotFoundException extends BillfoldException {

    public CustomerImportNotFoundException(String importId) {
        super("No customer import " + importId);
    }
}
