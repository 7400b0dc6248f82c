package io.billfold.webhooks;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** No delivery with this id for this endpoint. */
class DeliveryNotFoundException extends BillfoldException {

    DeliveryNotFoundException(String deliveryId) {
        super(ErrorKind.NOT_FOUND, "webhook_delivery_not_found", "No webhook delivery " + deliveryId);
    }
}
