package io.billfold.api.contact;

import java.util.Arrays;
import java.util.Optional;

/** How a contact receives the messages it subscribes to: as a recipient, in copy, or in blind copy. */
public enum Delivery {
    TO, CC, BCC;

    public String apiName() {
        return name().toLowerCase();
    }

    public static Optional<Delivery> ofApiName(String name) {
        return Arrays.stream(values()).filter(delivery -> delivery.apiName().equals(name)).findFirst();
    }
}
