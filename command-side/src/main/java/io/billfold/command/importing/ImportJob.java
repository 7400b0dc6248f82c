package io.billfold.command.importing;

import java.util.List;

/** An import as its worker needs it: whose it is, who uploaded it, how to apply it, and the file's columns. */
record ImportJob(String importId, String organizationId, String actorId, String actorName, String actorRole,
                 String requestId, boolean dryRun, OnConflict onConflict, List<String> columns, int totalRows) {
}
