package io.billfold.query.wallet;

import io.billfold.api.wallet.Provenance;
import io.billfold.api.wallet.TransactionFilter;
import io.billfold.api.wallet.TransactionResponse;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The audit trail as CSV, streamed row by row from a database cursor: memory does not grow with the trail. Cells
 * that a spreadsheet would read as a formula are prefixed with a quote.
 */
@Component
class AuditCsv {

    private static final List<String> HEADER = List.of("id", "occurred_at", "wallet_id", "customer_id", "type",
            "amount", "currency", "reason", "description", "reference", "invoice_id", "balance_after", "sequence",
            "actor_id", "actor_name", "idempotency_key", "request_id", "transfer_id", "metadata");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WalletQueries queries;
    private final TransactionTemplate readOnly;

    AuditCsv(WalletQueries queries, TransactionTemplate transactions) {
        this.queries = queries;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    void write(String organizationId, TransactionFilter filter, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writeRow(writer, HEADER);
        // In a transaction, so that PostgreSQL serves the rows through a cursor, a fetch size at a time.
        readOnly.executeWithoutResult(status -> queries.streamAudit(organizationId, filter, rs -> {
            TransactionResponse entry = WalletQueries.TRANSACTION.mapRow(rs, 0);
            Provenance provenance = entry.provenance();
            try {
                writeRow(writer, List.of(entry.id(), provenance.occurredAt().toString(), entry.walletId(),
                        entry.customerId(), entry.type(), entry.amount(), entry.currency(), entry.reason(),
                        nullToEmpty(entry.description()), nullToEmpty(entry.reference()),
                        nullToEmpty(entry.invoiceId()), entry.balanceAfter(), Long.toString(entry.sequence()),
                        nullToEmpty(provenance.actor().id()), nullToEmpty(provenance.actor().name()),
                        nullToEmpty(provenance.idempotencyKey()), nullToEmpty(provenance.requestId()),
                        nullToEmpty(entry.transferId()), JSON.writeValueAsString(entry.metadata())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        writer.flush();
    }

    private static void writeRow(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(cell(cells.get(i)));
        }
        writer.write("\r\n");
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9.]+")
                ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
