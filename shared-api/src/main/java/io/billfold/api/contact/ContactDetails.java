package io.billfold.api.contact;

import io.billfold.api.PersonalData;
import java.util.List;

/**
 * Everything a client can set on a secondary contact. Raw in commands; normalised in events (trimmed, E.164 phone,
 * communications as their API names without duplicates, delivery {@code to}, {@code cc} or {@code bcc}).
 */
public record ContactDetails(
        @PersonalData String firstName,
        @PersonalData String lastName,
        @PersonalData(erasedAs = "\"[erased]\"") String email,
        @PersonalData String phoneNumber,
        @PersonalData String label,
        List<String> communications,
        String delivery) {
}
