package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/**
 * A customer import finished ({@code status} {@code succeeded} or {@code failed}), with its final counts. Recorded in
 * the event store as the one event of the import (its aggregate identifier), in the transaction that finishes it.
 */
@Revision("1")
public record CustomerImportCompletedEvent(String importId, String organizationId, String status, boolean dryRun,
                                           String onConflict, ImportCounts counts) {
}
