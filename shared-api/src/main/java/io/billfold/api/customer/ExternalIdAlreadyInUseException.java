package io.billfold.api.customer;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** Another live customer of the organization has this external_id. */
@ApiError(kind = ErrorKind.CONFLICT, code = "external_id_already_exists")
public class ExternalIdAlreadyInUseException extends BillfoldException {

    public ExternalIdAlreadyInUseException(String externalId) {
        super("Another customer already uses the external_id " + externalId);
    }
}
