package io.billfold.command.importing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an import does with a row whose external_id or email a customer of the organization already has. */
enum OnConflict {
    /** Leave the existing customer as it is; the row counts as skipped. */
    SKIP,
    /** Patch the existing customer with the row's filled-in cells. */
    UPDATE,
    /** Report the row as failed. */
    FAIL;

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<OnConflict> ofApiName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.apiName().equals(name)).findFirst();
    }
}
