package io.billfold.command.customer;

import java.util.Optional;

/**
 * Which live customer holds an external_id or an email in an organization, from the command side's own claims (never
 * the read models), compared as the uniqueness rule compares them. Used by features that must decide what to do about
 * an existing customer before sending a command (imports' {@code on_conflict}).
 */
public interface CustomerClaims {

    Optional<String> holderOfExternalId(String organizationId, String externalId);

    /** A customer holding a value: {@code byExternalId} when it holds the external_id, else it holds the email. */
    record Holder(String customerId, boolean byExternalId) {
    }

    /**
     * The customer holding the external_id, or else the email (either may be null), in one look-up: what an import
     * asks of every row.
     */
    Optional<Holder> holderOf(String organizationId, String externalId, String email);

    /** The form in which two emails are the same to the uniqueness rule (of an email already trimmed). */
    static String emailKey(String email) {
        return FieldRules.emailKey(email);
    }
}
