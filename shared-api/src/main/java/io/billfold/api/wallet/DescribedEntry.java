package io.billfold.api.wallet;

import java.util.Map;

/**
 * A wallet event whose ledger entry carries {@link EntryDetails}. The event keeps them as components of its own, the
 * stored JSON's flat members (description and metadata are personal data, sealed by their paths), and gives them back
 * as one value.
 */
public interface DescribedEntry {

    String description();

    String reference();

    Map<String, String> metadata();

    default EntryDetails details() {
        return new EntryDetails(description(), reference(), metadata());
    }
}
