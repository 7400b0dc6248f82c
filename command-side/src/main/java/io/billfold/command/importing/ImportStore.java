package io.billfold.command.importing;

import io.billfold.api.customer.ImportCounts;
import io.billfold.api.error.FieldError;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Imports in PostgreSQL: jobs with their progress and lease, the stored records, the errors of rejected rows. */
@Repository
class ImportStore {

    /** Far above the deepest hierarchy (5 levels): bounds the level assignment also for parent cycles in a file. */
    private static final int MAX_LEVELS = 8;

    private final JdbcTemplate jdbc;

    ImportStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A record as the upload stores it, with the keys taken from its cells. */
    record UploadedRow(int rowNumber, List<String> cells, String externalId, String emailKey, String parentExternalId) {
    }

    /** Counts of one committed chunk. */
    record Progress(int processed, int created, int updated, int skipped, int failed) {
    }

    void createJob(ImportJob job) {
        jdbc.update("""
                        insert into customer_import (import_id, organization_id, actor_id, actor_name, actor_role, request_id,
                                                     status, dry_run, on_conflict, columns)
                        values (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)
                        """, job.importId(), job.organizationId(), job.actorId(), job.actorName(), job.actorRole(),
                job.requestId(), job.dryRun(), job.onConflict().apiName(), job.columns().toArray(String[]::new));
    }

    void insertRows(String importId, List<UploadedRow> rows) {
        jdbc.batchUpdate("""
                insert into customer_import_row (import_id, row_number, cells, external_id, email_key, parent_external_id)
                values (?, ?, ?, ?, ?, ?)
                """, rows, rows.size(), (statement, row) -> {
            statement.setString(1, importId);
            statement.setInt(2, row.rowNumber());
            statement.setArray(3, statement.getConnection().createArrayOf("text", row.cells().toArray()));
            statement.setString(4, row.externalId());
            statement.setString(5, row.emailKey());
            statement.setString(6, row.parentExternalId());
        });
    }

    void insertErrors(String importId, List<RowResult> rejected) {
        List<Object[]> errors = new ArrayList<>();
        for (RowResult row : rejected) {
            for (FieldError error : row.errors()) {
                errors.add(new Object[]{importId, row.rowNumber(), error.field(), error.code(), error.message()});
            }
        }
        jdbc.batchUpdate("insert into customer_import_error (import_id, row_number, field, code, message) values (?, ?, ?, ?, ?)",
                errors);
    }

    /** An error of the import as a whole (no row). */
    void addImportError(String importId, String code, String message) {
        jdbc.update("insert into customer_import_error (import_id, code, message) values (?, ?, ?)", importId, code, message);
    }

    /**
     * Completes a stored file: its row count, the rows repeating an external_id or email of an earlier row, and the
     * level of every row whose parent is a row of the file (its parent's level plus one).
     */
    void completeUpload(String importId) {
        // The file's rows were just inserted: without statistics that count them the planner took the table for
        // empty and ran the duplicate check as a nested loop over them (over 30 s for 15,000 rows in a test).
        jdbc.execute("analyze customer_import_row");
        jdbc.update("update customer_import set total_rows = (select count(*) from customer_import_row where import_id = ?) "
                + "where import_id = ?", importId, importId);
        for (String column : List.of("external_id", "email_key")) {
            jdbc.update("""
                    update customer_import_row r set duplicate_of = first.row_number, duplicate_column = ?
                      from (select %1$s, min(row_number) row_number from customer_import_row
                             where import_id = ? and %1$s is not null group by %1$s having count(*) > 1) first
                     where r.import_id = ? and r.%1$s = first.%1$s and r.row_number > first.row_number
                       and r.duplicate_of is null
                    """.formatted(column), column.equals("email_key") ? "email" : column, importId, importId);
        }
        for (int level = 1; level <= MAX_LEVELS; level++) {
            int moved = jdbc.update("""
                    update customer_import_row child set level = ?
                      from customer_import_row parent
                     where child.import_id = ? and parent.import_id = ? and child.level = ? - 1
                       and parent.external_id = child.parent_external_id and parent.duplicate_of is null
                       and parent.row_number <> child.row_number and parent.level = ? - 1
                    """, level, importId, importId, level, level);
            if (moved == 0) {
                break;
            }
        }
    }

    /** Takes the oldest import that is waiting or whose node's lease ran out; leases it to {@code node}. */
    Optional<ImportJob> claimNext(String node, Duration lease) {
        return jdbc.query("""
                update customer_import set status = 'running', lease_owner = ?,
                       lease_expires_at = now() + ? * interval '1 millisecond'
                 where import_id = (select import_id from customer_import
                                     where status in ('queued', 'running')
                                       and (lease_expires_at is null or lease_expires_at < now())
                                     order by created_at limit 1 for update skip locked)
                returning import_id, organization_id, actor_id, actor_name, actor_role, request_id, dry_run,
                          on_conflict, columns, total_rows
                """, JOB, node, lease.toMillis()).stream().findFirst();
    }

    OptionalInt lowestPendingLevel(String importId) {
        Integer level = jdbc.queryForObject(
                "select min(level) from customer_import_row where import_id = ? and state = 'pending'",
                Integer.class, importId);
        return level == null ? OptionalInt.empty() : OptionalInt.of(level);
    }

    /**
     * The next pending rows of a level after row {@code after} that no other worker holds, locked until the calling
     * transaction ends. Starting after the rows already taken matters: the entries of rows done stay in the pending
     * rows' index until a vacuum, and a scan from the level's start would step over all of them for every chunk.
     */
    List<StoredRow> takeRows(String importId, int level, int after, int limit) {
        return jdbc.query("""
                select row_number, cells, duplicate_of, duplicate_column from customer_import_row
                 where import_id = ? and level = ? and state = 'pending' and row_number > ?
                 order by row_number limit ? for update skip locked
                """, (rs, n) -> new StoredRow(rs.getInt("row_number"), cells(rs.getArray("cells")),
                (Integer) rs.getObject("duplicate_of"), rs.getString("duplicate_column")),
                importId, level, after, limit);
    }

    /** Whether the first row of the file with this external_id was applied (in a dry run: would have been). */
    boolean appliedInFile(String importId, String externalId) {
        return jdbc.queryForList("""
                select outcome from customer_import_row where import_id = ? and external_id = ?
                 order by row_number limit 1
                """, String.class, importId, externalId.strip()).stream()
                .anyMatch(outcome -> !"failed".equals(outcome) && outcome != null);
    }

    void recordResults(String importId, List<RowResult> results) {
        jdbc.batchUpdate("update customer_import_row set state = 'done', outcome = ? where import_id = ? and row_number = ?",
                results, results.size(), (statement, result) -> {
                    statement.setString(1, result.outcome().name().toLowerCase());
                    statement.setString(2, importId);
                    statement.setInt(3, result.rowNumber());
                });
        insertErrors(importId, results.stream().filter(result -> !result.errors().isEmpty()).toList());
    }

    /** Adds a chunk's counts and extends the lease; false when {@code node} no longer holds the import. */
    boolean advance(String importId, String node, Progress progress, Duration lease) {
        return jdbc.update("""
                update customer_import set processed_rows = processed_rows + ?, created = created + ?,
                       updated = updated + ?, skipped = skipped + ?, failed_rows = failed_rows + ?,
                       lease_expires_at = now() + ? * interval '1 millisecond'
                 where import_id = ? and lease_owner = ? and status = 'running'
                """, progress.processed(), progress.created(), progress.updated(), progress.skipped(),
                progress.failed(), lease.toMillis(), importId, node) == 1;
    }

    boolean stillHolds(String importId, String node) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from customer_import where import_id = ? and lease_owner = ? and status = 'running')",
                Boolean.class, importId, node));
    }

    /** Ends an import this node holds; its final counts, or empty when the node no longer held it. */
    Optional<ImportCounts> finish(String importId, String node, String status) {
        return jdbc.query("""
                update customer_import set status = ?, finished_at = now(), lease_owner = null, lease_expires_at = null
                 where import_id = ? and lease_owner = ? and status = 'running'
                returning total_rows, processed_rows, created, updated, skipped, failed_rows
                """, (rs, n) -> new ImportCounts(rs.getInt("total_rows"), rs.getInt("processed_rows"),
                rs.getInt("created"), rs.getInt("updated"), rs.getInt("skipped"), rs.getInt("failed_rows")),
                status, importId, node).stream().findFirst();
    }

    /** Lets any node (this one too) take the import over after {@code delay} instead of when the lease runs out. */
    void release(String importId, String node, Duration delay) {
        jdbc.update("update customer_import set lease_expires_at = now() + ? * interval '1 millisecond' "
                + "where import_id = ? and lease_owner = ?", delay.toMillis(), importId, node);
    }

    void releaseAll(String node) {
        jdbc.update("update customer_import set lease_expires_at = now() where lease_owner = ? and status = 'running'",
                node);
    }

    Optional<ImportStatus> find(String organizationId, String importId, int maxErrors) {
        return jdbc.query("""
                        select import_id, status, dry_run, on_conflict, total_rows, processed_rows, created, updated,
                               skipped, failed_rows from customer_import where import_id = ? and organization_id = ?
                        """, (rs, n) -> new ImportStatus(rs.getString("import_id"), rs.getString("status"),
                        rs.getBoolean("dry_run"), rs.getString("on_conflict"), rs.getInt("total_rows"),
                        rs.getInt("processed_rows"), rs.getInt("created"), rs.getInt("updated"), rs.getInt("skipped"),
                        rs.getInt("failed_rows"), errors(importId, maxErrors)), importId, organizationId)
                .stream().findFirst();
    }

    private List<ImportStatus.ImportError> errors(String importId, int maxErrors) {
        return jdbc.query("""
                select row_number, field, code, message from customer_import_error where import_id = ?
                 order by row_number nulls first, error_id limit ?
                """, (rs, n) -> new ImportStatus.ImportError((Integer) rs.getObject("row_number"), rs.getString("field"),
                rs.getString("code"), rs.getString("message")), importId, maxErrors);
    }

    private static final RowMapper<ImportJob> JOB = (rs, n) -> new ImportJob(rs.getString("import_id"),
            rs.getString("organization_id"), rs.getString("actor_id"), rs.getString("actor_name"),
            rs.getString("actor_role"), rs.getString("request_id"), rs.getBoolean("dry_run"),
            OnConflict.ofApiName(rs.getString("on_conflict")).orElseThrow(), cells(rs.getArray("columns")),
            rs.getInt("total_rows"));

    private static List<String> cells(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
