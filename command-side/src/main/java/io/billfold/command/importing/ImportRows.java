package io.billfold.command.importing;

import io.billfold.api.customer.ChangeCustomerParentCommand;
import io.billfold.api.customer.CreateCustomerCommand;
import io.billfold.api.customer.EmailAlreadyInUseException;
import io.billfold.api.customer.ExternalIdAlreadyInUseException;
import io.billfold.api.customer.HierarchyCycleException;
import io.billfold.api.customer.HierarchyTooDeepException;
import io.billfold.api.customer.ParentCustomerArchivedException;
import io.billfold.api.customer.ParentCustomerNotFoundException;
import io.billfold.api.customer.TooManyChildrenException;
import io.billfold.api.customer.UpdateCustomerCommand;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import io.billfold.command.customer.CustomerClaims;
import io.billfold.platform.auth.Ids;
import jakarta.persistence.EntityManager;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Applies one row of an import with the same commands as {@code POST /v1/customers} and {@code PATCH}, in the
 * chunk's transaction; where a row may be rejected, inside a savepoint of it: a rejected command rolls back to it
 * and the row is reported, the chunk goes on. A dry run rolls every row back to its savepoint, so it checks
 * everything a real run would and keeps nothing.
 * Runs on a thread that acts as the uploading API key (its organization, its actor metadata).
 */
@Component
class ImportRows {

    private final CommandGateway commands;
    private final CustomerClaims claims;
    private final ImportStore store;
    private final ImportTransactions transactions;
    private final EntityManager entityManager;

    ImportRows(CommandGateway commands, CustomerClaims claims, ImportStore store, ImportTransactions transactions,
               EntityManager entityManager) {
        this.commands = commands;
        this.claims = claims;
        this.store = store;
        this.transactions = transactions;
        this.entityManager = entityManager;
    }

    /**
     * Applies one row. {@code isolated}: in a savepoint of its own, so that a rejected row is undone and the chunk goes
     * on (a dry run's rows are always isolated, and rolled back to their savepoint even when they pass). Otherwise a
     * rejected row throws {@link RowRejectedException}, as its commands may have written part of it (a claim) before
     * the rejection: the chunk must be rolled back and applied again isolated.
     */
    RowResult apply(ImportJob job, CsvRowMapping mapping, StoredRow row, boolean isolated) {
        if (row.duplicateOf() != null) {
            return RowResult.failed(row.rowNumber(), List.of(new FieldError(row.duplicateColumn(), "duplicate_in_file",
                    "row " + row.duplicateOf() + " of the file has the same " + row.duplicateColumn())));
        }
        CsvRowMapping.MappedRow mapped = mapping.map(row.cells());
        if (!mapped.errors().isEmpty()) {
            return RowResult.failed(row.rowNumber(), mapped.errors());
        }
        try {
            RowResult.Outcome outcome = isolated
                    ? transactions.inSavepoint(!job.dryRun(), () -> applyCommands(job, mapped))
                    : create(job, mapped);
            return new RowResult(row.rowNumber(), outcome, List.of());
        } catch (BillfoldException e) {
            if (!isolated) {
                throw new RowRejectedException();
            }
            return RowResult.failed(row.rowNumber(), errorsOf(e));
        } finally {
            // The row's events are written (or rolled back); kept in the session, every later flush of the chunk
            // would check them again.
            entityManager.clear();
        }
    }

    private static List<FieldError> errorsOf(BillfoldException rejection) {
        if (rejection instanceof ValidationFailedException invalid) {
            return invalid.errors().stream()
                    .map(error -> new FieldError(CsvRowMapping.column(error.field()), error.code(), error.message()))
                    .toList();
        }
        return List.of(new FieldError(columnOf(rejection), rejection.code(), rejection.getMessage()));
    }

    /**
     * A row applied outside a savepoint is taken for a new customer, without looking its external_id and email up
     * first: most rows of a file are, and a row that is not fails its claims, so that its chunk is applied again
     * isolated, where {@link #applyCommands} looks it up and follows {@code on_conflict}.
     */
    private RowResult.Outcome create(ImportJob job, CsvRowMapping.MappedRow row) {
        String parentId = row.parentExternalId() == null ? null : parent(job, row.parentExternalId());
        commands.sendAndWait(new CreateCustomerCommand(Ids.next("cus"), job.organizationId(), row.details(), parentId));
        return RowResult.Outcome.CREATED;
    }

    private RowResult.Outcome applyCommands(ImportJob job, CsvRowMapping.MappedRow row) {
        String organizationId = job.organizationId();
        String parentId = row.parentExternalId() == null ? null : parent(job, row.parentExternalId());
        String externalId = row.details().externalId();
        String email = row.details().email();
        Optional<CustomerClaims.Holder> existing = externalId == null && email == null ? Optional.empty()
                : claims.holderOf(organizationId, externalId, email);
        if (existing.isEmpty()) {
            commands.sendAndWait(new CreateCustomerCommand(Ids.next("cus"), organizationId, row.details(), parentId));
            return RowResult.Outcome.CREATED;
        }
        switch (job.onConflict()) {
            case SKIP -> {
                return RowResult.Outcome.SKIPPED;
            }
            case FAIL -> throw existing.get().byExternalId() ? new ExternalIdAlreadyInUseException(externalId.strip())
                    : new EmailAlreadyInUseException(email.strip());
            default -> {
                String customerId = existing.get().customerId();
                commands.sendAndWait(new UpdateCustomerCommand(customerId, organizationId, row.mergePatch()));
                if (parentId != null) {
                    commands.sendAndWait(new ChangeCustomerParentCommand(customerId, organizationId, parentId));
                }
                return RowResult.Outcome.UPDATED;
            }
        }
    }

    /**
     * The customer a row's parent_external_id names, from the command side's claims. A parent that is itself a row of
     * the file was applied before (rows go level by level); in a dry run it was not kept, so the row is checked
     * without a parent when the parent's row passed.
     */
    private String parent(ImportJob job, String parentExternalId) {
        Optional<String> holder = claims.holderOfExternalId(job.organizationId(), parentExternalId);
        if (holder.isPresent()) {
            return holder.get();
        }
        if (job.dryRun() && store.appliedInFile(job.importId(), parentExternalId)) {
            return null;
        }
        throw new ParentCustomerNotFoundException(parentExternalId.strip());
    }

    /** A row was rejected outside a savepoint: its chunk is to be rolled back and applied again, each row isolated. */
    static final class RowRejectedException extends RuntimeException {
        RowRejectedException() {
            super("a row of the chunk was rejected", null, false, false);
        }
    }

    private static String columnOf(BillfoldException e) {
        if (e instanceof EmailAlreadyInUseException) {
            return CsvColumns.EMAIL;
        }
        if (e instanceof ExternalIdAlreadyInUseException) {
            return CsvColumns.EXTERNAL_ID;
        }
        if (e instanceof ParentCustomerNotFoundException || e instanceof ParentCustomerArchivedException
                || e instanceof HierarchyCycleException || e instanceof HierarchyTooDeepException
                || e instanceof TooManyChildrenException) {
            return CsvColumns.PARENT_EXTERNAL_ID;
        }
        return null;
    }
}
