package io.billfold.webhooks;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** No webhook endpoint with this id in the caller's organization. */
class EndpointNotFoundException extends BillfoldException {

    EndpointNotFoundException(String endpointId) {
        super(ErrorKind.NOT_FOUND, "webhook_endpoint_not_found", "No webhook endpoint " + endpointId);
    }
}
