package io.billfold.webhooks;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** A webhook URL whose host is, or resolves to, an address webhooks may not be sent to. */
class UrlNotAllowedException extends BillfoldException {

    UrlNotAllowedException(String reason) {
        super(ErrorKind.INVALID, "url_not_allowed", "url: " + reason
                + " (allowed with BILLFOLD_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true)");
    }
}
