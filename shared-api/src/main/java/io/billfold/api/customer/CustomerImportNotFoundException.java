package io.billfold.api.customer;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** No customer import with this id in the caller's organization. */
public class CustomerImportNotFoundException extends BillfoldException {

    public CustomerImportNotFoundException(String importId) {
        super(ErrorKind.NOT_FOUND, "import_not_found", "No customer import " + importId);
    }
}
