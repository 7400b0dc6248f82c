package io.billfold.webhooks;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** No delivery with this id for this endpoint. */
@ApiError(kind = ErrorKind.NOT_FOUND, code = "webhook_delivery_not_found")
class DeliveryNotFoundException extends BillfoldException {

    DeliveryNotFoundException(String deliveryId) {
        super("No webhook delivery " + deliveryId);
    }
}
