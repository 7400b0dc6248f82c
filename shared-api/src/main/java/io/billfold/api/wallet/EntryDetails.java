package io.billfold.api.wallet;

import java.util.Map;

/**
 * What a client says about a ledger entry (or a hold): a description, its own reference and metadata (string keys and
 * values; holds have none). Commands carry it as sent; events and responses as the wallet checked it (trimmed texts,
 * metadata never null). Events store its components flat, as they always have ({@link DescribedEntry}).
 */
public record EntryDetails(String description, String reference, Map<String, String> metadata) {
}
