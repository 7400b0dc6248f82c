package io.billfold.query.customer;

import io.billfold.api.contact.ContactResponse;
import tools.jackson.core.type.TypeReference;

import java.util.List;

/** Contacts read as JSON straight from SQL, so that a customer and its contacts come back in one query. */
final class ContactsJson {

    /** A {@code customer_contact} row (alias {@code k}) as a JSON object in the API's field names. */
    static final String OBJECT = """
            json_build_object('id', k.contact_id, 'customer_id', k.customer_id, 'first_name', k.first_name,
                'last_name', k.last_name, 'email', k.email, 'phone_number', k.phone_number, 'label', k.label,
                'communications', k.communications, 'delivery', k.delivery, 'created_at', k.created_at,
                'updated_at', k.updated_at)""";

    static final TypeReference<List<ContactResponse>> LIST = new TypeReference<>() {
    };

    private ContactsJson() {
    }
}
