package io.billfold.api.contact;

import java.util.List;

/**
 * Everything a client can set on a secondary contact. Raw in commands; normalised in events (trimmed, E.164 phone,
 * communications as their API names without duplicates, delivery {@code to}, {@code cc} or {@code bcc}).
 */
public record ContactDetails(
        String firstName,
        String lastName,
        String email,
        String phoneNumber,
        String label,
        List<String> communications,
        String delivery) {
}
