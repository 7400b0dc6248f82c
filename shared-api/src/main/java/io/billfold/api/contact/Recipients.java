package io.billfold.api.contact;

import java.util.List;

/** Who a billing flow sends one kind of message to, by delivery role. */
public record Recipients(List<Recipient> to, List<Recipient> cc, List<Recipient> bcc) {
}
