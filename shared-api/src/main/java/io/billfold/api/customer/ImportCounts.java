package io.billfold.api.customer;

/** How many rows of an import file there were, were processed, and what became of them. */
public record ImportCounts(int totalRows, int processedRows, int created, int updated, int skipped, int failedRows) {
}
