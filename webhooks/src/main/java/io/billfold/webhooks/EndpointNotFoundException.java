package io.billfold.webhooks;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** No webhook endpoint with this id in the caller's organization. */
@ApiError(kind = ErrorKind.NOT_FOUND, code = "webhook_endpoint_not_found")
class EndpointNotFoundException extends BillfoldException {

    EndpointNotFoundException(String endpointId) {
        super("No webhook endpoint " + endpointId);
    }
}
