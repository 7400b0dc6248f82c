package io.billfold.command.importing;

import java.util.List;

/** The body of {@code GET /v1/customers/imports/{id}}. */
record ImportStatus(String id, String status, boolean dryRun, String onConflict, int totalRows, int processedRows,
                    int created, int updated, int skipped, int failedRows, List<ImportError> errors) {

    /** A rejected row ({@code row} is its record number in the file, the header being 1), or the file itself. */
    record ImportError(Integer row, String field, String code, String message) {
    }
}
