package io.billfold.command.importing;

import io.billfold.api.error.FieldError;
import io.billfold.command.customer.CustomerClaims;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.auth.Ids;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores an uploaded import file while it arrives: records are parsed as the bytes come in and written to
 * PostgreSQL in batches, so memory holds one batch whatever the file's size. The job, its records and the header's
 * unknown columns commit together; a file refused half-way (too large, not CSV) leaves nothing behind.
 */
@Component
class ImportUploads {

    private static final int BATCH = 1000;

    private final ImportStore store;
    private final ImportWorker worker;
    private final TransactionTemplate transaction;
    private final long maxBytes;

    ImportUploads(ImportStore store, ImportWorker worker, PlatformTransactionManager transactions,
                  ImportSettings settings) {
        this.store = store;
        this.worker = worker;
        this.maxBytes = settings.maxBytes();
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.transaction.setTimeout(Math.toIntExact(settings.uploadTimeout().toSeconds()));
    }

    /** Thrown when a file grows beyond {@code billfold.imports.max-bytes}. */
    static final class FileTooLargeException extends RuntimeException {
        FileTooLargeException(long maxBytes) {
            super("The file exceeds " + maxBytes + " bytes", null, false, false);
        }
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Stores the file as a new import of the caller and queues it; answers the import's id. */
    String store(InputStream file, boolean dryRun, OnConflict onConflict) {
        CallerContext.Current caller = CallerContext.current().orElseThrow();
        String importId = Ids.next("imp");
        transaction.executeWithoutResult(status -> {
            Records records = new Records(importId, caller, dryRun, onConflict);
            try {
                CsvFile.read(new LimitedInputStream(file, maxBytes), records);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            records.flush();
            store.completeUpload(importId);
        });
        worker.wakeUp();
        return importId;
    }

    /** Writes the job when the header is known, then the records in batches. */
    private final class Records implements CsvFile.Records {
        private final String importId;
        private final CallerContext.Current caller;
        private final boolean dryRun;
        private final OnConflict onConflict;
        private final List<ImportStore.UploadedRow> batch = new ArrayList<>();
        private CsvHeader header;

        Records(String importId, CallerContext.Current caller, boolean dryRun, OnConflict onConflict) {
            this.importId = importId;
            this.caller = caller;
            this.dryRun = dryRun;
            this.onConflict = onConflict;
        }

        @Override
        public void header(CsvHeader header) {
            this.header = header;
            store.createJob(new ImportJob(importId, caller.caller().organizationId(), caller.caller().keyId(),
                    caller.caller().keyName(), caller.caller().role().apiName(), caller.requestId(), dryRun, onConflict,
                    header.columns(), 0));
            store.insertErrors(importId, header.unknown().stream()
                    .map(column -> RowResult.failed(1, List.of(new FieldError(column, "unknown_column",
                            "is not a column of the customer import; its values were not imported"))))
                    .toList());
        }

        @Override
        public void record(long row, List<String> cells) {
            batch.add(new ImportStore.UploadedRow(Math.toIntExact(row), cells, key(cells, CsvColumns.EXTERNAL_ID),
                    emailKey(cells), key(cells, CsvColumns.PARENT_EXTERNAL_ID)));
            if (batch.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            store.insertRows(importId, batch);
            batch.clear();
        }

        private String key(List<String> cells, String column) {
            int index = header.indexOf(column);
            if (index < 0 || index >= cells.size() || cells.get(index).isBlank()) {
                return null;
            }
            return cells.get(index).strip();
        }

        private String emailKey(List<String> cells) {
            String email = key(cells, CsvColumns.EMAIL);
            return email == null ? null : CustomerClaims.emailKey(email);
        }
    }

    /** Counts the bytes read and fails as soon as there are more than allowed. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long maxBytes;
        private long count;

        LimitedInputStream(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(long n) {
            count += n;
            if (count > maxBytes) {
                throw new FileTooLargeException(maxBytes);
            }
        }
    }
}
