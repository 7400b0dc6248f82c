package io.billfold.command.customer;

import io.billfold.api.contact.Communication;
import io.billfold.api.contact.ContactDetails;
import io.billfold.api.contact.Delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rules of a secondary contact's details; returns them normalised or fails listing every invalid field. */
final class ContactValidation {

    private final FieldRules rules = new FieldRules();

    private ContactValidation() {
    }

    /** @param phoneRegion the customer's billing country, for phone numbers written without a country code */
    static ContactDetails normalise(ContactDetails in, String phoneRegion) {
        ContactValidation validation = new ContactValidation();
        FieldRules rules = validation.rules;
        rules.required("email", in.email());
        ContactDetails normalised = new ContactDetails(
                rules.text("first_name", in.firstName()),
                rules.text("last_name", in.lastName()),
                rules.email("email", in.email()),
                rules.phone("phone_number", in.phoneNumber(), phoneRegion),
                rules.text("label", in.label()),
                validation.communications(in.communications()),
                validation.delivery(in.delivery()));
        rules.throwIfInvalid();
        return normalised;
    }

    private List<String> communications(List<String> in) {
        if (in == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < in.size(); i++) {
            Optional<Communication> type = in.get(i) == null ? Optional.empty() : Communication.ofApiName(in.get(i));
            if (type.isEmpty()) {
                rules.add("communications[" + i + "]", "invalid_communication",
                        "must be one of " + String.join(", ", apiNames()));
            } else {
                out.add(type.get().apiName());
            }
        }
        return List.copyOf(out);
    }

    private String delivery(String in) {
        if (in == null) {
            return Delivery.TO.apiName();
        }
        if (Delivery.ofApiName(in).isEmpty()) {
            rules.add("delivery", "invalid_value", "must be to, cc or bcc");
        }
        return in;
    }

    private static List<String> apiNames() {
        List<String> names = new ArrayList<>();
        for (Communication type : Communication.values()) {
            names.add(type.apiName());
        }
        return names;
    }
}
