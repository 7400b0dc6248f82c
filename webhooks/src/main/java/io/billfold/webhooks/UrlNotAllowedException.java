package io.billfold.webhooks;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** A webhook URL whose host is, or resolves to, an address webhooks may not be sent to. */
@ApiError(kind = ErrorKind.INVALID, code = "url_not_allowed")
class UrlNotAllowedException extends BillfoldException {

    UrlNotAllowedException(String reason) {
        super("url: " + reason
                + " (allowed with BILLFOLD_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true)");
    }
}
