package io.billfold.api.customer;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** Another live customer of the organization has this external_id. */
public class ExternalIdAlreadyInUseException extends BillfoldException {

    public ExternalIdAlreadyInUseException(String externalId) {
        super(ErrorKind.CONFLICT, "external_id_already_exists", "Another customer already uses the external_id " + externalId);
    }
}
