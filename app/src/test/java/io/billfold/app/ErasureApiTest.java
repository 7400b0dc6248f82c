package io.billfold.app;

import io.billfold.platform.personaldata.DataKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure end to end: a customer with a unique marker in every personal field, contacts, a wallet with credits and a
 * described debit, an import row, an idempotent request and webhook deliveries (to a receiver that quotes each event in
 * its answer) is erased; then no marker is anywhere in the database (every table of every schema, bytea read as text
 * too) or in the application's output, the ledger and audit trail still add up, and a replay of every projection
 * rebuilds the same erased state.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErasureApiTest extends ApiTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> MARKERS = List.of("Zq7Name", "Zq7Renamed", "zq7-ext", "zq7mail@erase.example",
            "612345678", "Zq7Line1", "Zq7City", "Zq7Zip", "Zq7Ship", "51824753556", "Zq7Custom", "Zq7Conn", "Zq7Ref",
            "Zq7First", "Zq7Last", "zq7contact@erase.example", "698765432", "Zq7Label", "Zq7CreditDesc", "Zq7Meta",
            "Zq7DebitDesc", "Zq7Response");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    DataKeys keys;

    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void anErasedCustomerLeavesNoTraceOfItsPersonalData(CapturedOutput output) {
        Client admin = newOrganization("erasure");
        receiver.echo();
        assertThat(admin.post("/v1/webhook-endpoints", json(body("url", receiver.url(), "event_types", List.of("*"))))
                .status()).isEqualTo(201);
        String creation = json(body(
                "customer_name", "Zq7Name", "external_id", "zq7-ext", "email", "zq7mail@erase.example",
                "phone_number", "+33 6 12 34 56 78",
                "address", body("line1", "Zq7Line1", "city", "Zq7City", "zip_code", "Zq7Zip", "country", "FR"),
                "ship_to_address", body("line1", "Zq7Ship", "country", "FR"),
                "tax_info", List.of(body("tax_code", "AU_GST", "tax_id", "51 824 753 556")),
                "custom_data", body("note", "Zq7Custom"), "business_entity_id", "be_kept",
                "connector", body("name", "Zq7Conn", "reference_id", "Zq7Ref")));
        Response created = admin.post("/v1/customers", creation, "Idempotency-Key", "erasure-create");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.text("id");
        assertThat(admin.patch("/v1/customers/" + id, json(body("customer_name", "Zq7Renamed"))).status())
                .isEqualTo(200);
        assertThat(admin.post("/v1/customers/" + id + "/contacts", json(body("first_name", "Zq7First",
                "last_name", "Zq7Last", "email", "zq7contact@erase.example", "phone_number", "+33 6 98 76 54 32",
                "label", "Zq7Label", "communications", List.of("invoices"))), "Idempotency-Key", "erasure-contact")
                .status()).isEqualTo(201);
        String wallet = admin.post("/v1/customers/" + id + "/wallets", json(body("currency", "EUR"))).text("id");
        assertThat(admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "10.00", "reason", "goodwill",
                "description", "Zq7CreditDesc", "metadata", body("note", "Zq7Meta"))), "Idempotency-Key",
                "erasure-credit").status()).isEqualTo(201);
        assertThat(admin.post("/v1/wallets/" + wallet + "/debits", json(body("amount", "4.00", "reason",
                "manual_deduction", "description", "Zq7DebitDesc"))).status()).isEqualTo(201);
        String csv = "customer_name,external_id,email,phone_number\n"
                + "Zq7Name,zq7-ext,zq7mail@erase.example,Zq7Response\n";
        Response upload = admin.send("POST", "/v1/customers/imports?on_conflict=skip", csv, "text/csv");
        assertThat(upload.status()).isEqualTo(202);
        pollUntil(() -> admin.get("/v1/customers/imports/" + upload.text("id")).text("status"),
                "succeeded"::equals, PATIENCE);

        Response refused = admin.post("/v1/customers/" + id + "/erase", "");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("wallet_balance_not_zero");
        Response writer = newKey(admin, "writer").post("/v1/customers/" + id + "/erase", "");
        assertThat(writer.status()).isEqualTo(403);
        admin.post("/v1/wallets/" + wallet + "/debits", json(body("amount", "6.00", "reason", "manual_deduction")));
        pollUntil(receiver::received, list -> list.size() >= 8, PATIENCE);
        assertThat(dump()).as("the markers are in the database before the erasure").contains("Zq7Renamed");
        assertThat(jdbc.queryForList("select last_response_body from webhook_delivery", String.class))
                .as("and in what the receiver answered").anyMatch(answer -> answer.contains("Zq7Renamed"));
        assertThat(rawEvents(id)).as("but never in clear in the event store").doesNotContain("Zq7Name", "zq7-ext");

        Response erased = admin.post("/v1/customers/" + id + "/erase", "", "Idempotency-Key", "erasure-erase");
        assertThat(erased.status()).as(erased.raw().body()).isEqualTo(200);
        assertThat(erased.json().get("erased").asBoolean()).isTrue();
        assertThat(erased.json().get("archived").asBoolean()).isTrue();
        assertThat(erased.text("customer_name")).isEqualTo("[erased]");
        assertThat(admin.post("/v1/customers/" + id + "/erase", "").json()).isEqualTo(erased.json());
        assertThat(admin.post("/v1/customers/" + id + "/unarchive", "").code()).isEqualTo("customer_erased");
        assertThat(admin.post("/v1/customers/" + id + "/contacts", json(body("email", "x@erase.example"))).code())
                .isEqualTo("customer_erased");
        Response retried = admin.post("/v1/customers", creation, "Idempotency-Key", "erasure-create");
        assertThat(retried.status()).isEqualTo(409);
        assertThat(retried.code()).isEqualTo("customer_erased");

        JsonNode customer = admin.getAfter(erased, "/v1/customers/" + id).json();
        assertErased(customer);
        pollUntil(receiver::received, list -> list.stream().anyMatch(r -> r.body().contains("customer.erased")),
                PATIENCE);
        pollUntil(() -> admin.get("/v1/events?limit=100").json().get("data").size(), size -> size >= 9, PATIENCE);

        String dump = dump();
        for (String marker : MARKERS) {
            assertThat(dump).as("the database dump").doesNotContain(marker, hex(marker));
        }
        Map<String, String> before = readModels(admin, id, wallet);
        assertLedgerAddsUp(admin, id, wallet);

        for (String projection : projections()) {
            assertThat(operator().post("/v1/admin/projections/" + projection + "/replay", "").status())
                    .isEqualTo(202);
            pollUntil(() -> replaying(projection), replaying -> !replaying, PATIENCE);
        }
        assertThat(readModels(admin, id, wallet)).isEqualTo(before);
        String replayed = dump();
        for (String marker : MARKERS) {
            assertThat(replayed).as("the database dump after the replays").doesNotContain(marker, hex(marker));
            assertThat(output.getAll()).as("the application's output").doesNotContain(marker);
        }
    }

    /**
     * An erasure committed by another node (here: its statements, sent as another node would) evicts the key this
     * node keeps: its notification arrives at commit, and the key is not read from the cache afterwards.
     */
    @Test
    void anotherNodesErasureEvictsTheKeyThisNodeKeeps() {
        Client admin = newOrganization("erasure-elsewhere");
        String id = admin.post("/v1/customers", json(body("customer_name", "Elsewhere"))).text("id");
        assertThat(keys.forReading(id)).isPresent();
        assertThat(keys.forReading(id)).isPresent();

        jdbc.execute("""
                begin;
                update personal_data_key set wrapped_key = null, master_key_id = null, erased_at = now()
                 where subject_id = '%1$s';
                select pg_notify('billfold_erasures', '%1$s');
                commit;
                """.formatted(id));

        pollUntil(() -> keys.forReading(id).isPresent(), present -> !present, Duration.ofSeconds(5));
    }

    private static void assertErased(JsonNode customer) {
        assertThat(customer.get("erased").asBoolean()).isTrue();
        assertThat(customer.get("archived").asBoolean()).isTrue();
        assertThat(customer.get("customer_name").asString()).isEqualTo("[erased]");
        for (String field : List.of("email", "external_id", "phone_number", "address", "ship_to_address",
                "custom_data", "connector")) {
            assertThat(customer.get(field).isNull()).as(field).isTrue();
        }
        assertThat(customer.get("tax_info")).isEmpty();
        assertThat(customer.get("contacts")).isEmpty();
        assertThat(customer.get("business_entity_id").asString()).isEqualTo("be_kept");
    }

    private static void assertLedgerAddsUp(Client admin, String customer, String wallet) {
        JsonNode entries = admin.get("/v1/wallets/" + wallet + "/transactions").json().get("data");
        assertThat(entries).hasSize(3);
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode entry : entries) {
            assertThat(entry.get("description").isNull()).isTrue();
            assertThat(entry.get("metadata")).isEmpty();
            BigDecimal amount = new BigDecimal(entry.get("amount").asString());
            sum = sum.add(entry.get("type").asString().equals("credit") ? amount : amount.negate());
        }
        assertThat(sum).isEqualByComparingTo("0");
        assertThat(entries.get(0).get("balance_after").asString()).isEqualTo("0.00");
        assertThat(admin.get("/v1/wallets/" + wallet).text("balance")).isEqualTo("0.00");
        JsonNode audit = admin.get("/v1/audit/wallet-adjustments?customer_id=" + customer).json().get("data");
        assertThat(audit).hasSize(3);
        assertThat(audit.findValuesAsString("actor_id", new ArrayList<>())).doesNotContainNull();
    }

    /** What a client reads of the customer: itself, its history, its wallet's ledger, its events in the feed. */
    private static Map<String, String> readModels(Client admin, String customer, String wallet) {
        String history = admin.get("/v1/customers/" + customer + "/history?limit=100").raw().body();
        assertThat(history).contains("customer_erased");
        return Map.of("customer", admin.get("/v1/customers/" + customer).raw().body(),
                "history", history,
                "contacts", admin.get("/v1/customers/" + customer + "/contacts").raw().body(),
                "transactions", admin.get("/v1/wallets/" + wallet + "/transactions").raw().body(),
                "events", admin.get("/v1/events?limit=100").raw().body());
    }

    private List<String> projections() {
        List<String> names = new ArrayList<>();
        operator().get("/v1/admin/projections").json().get("data")
                .forEach(projection -> names.add(projection.get("name").asString()));
        return names;
    }

    private boolean replaying(String name) {
        for (JsonNode projection : operator().get("/v1/admin/projections").json().get("data")) {
            if (projection.get("name").asString().equals(name)) {
                return projection.get("replaying").asBoolean();
            }
        }
        throw new AssertionError("No projection " + name);
    }

    private String rawEvents(String customerId) {
        return String.join("\n", jdbc.queryForList("""
                select convert_from(payload, 'UTF8') from domain_event_entry where aggregate_identifier = ?
                """, String.class, customerId));
    }

    /**
     * The data of every table of every schema, as {@code pg_dump} writes it ({@code COPY ... TO STDOUT}: bytea as
     * hex, hence {@link #hex}). The machine's pg_dump is older than the embedded server and refuses to dump it.
     */
    private String dump() {
        List<String> tables = jdbc.queryForList("""
                select format('%I.%I', schemaname, tablename) from pg_tables
                 where schemaname not in ('pg_catalog', 'information_schema') order by 1
                """, String.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection connection = dataSource.getConnection()) {
            PGConnection postgres = connection.unwrap(PGConnection.class);
            for (String table : tables) {
                out.write(("-- " + table + "\n").getBytes(StandardCharsets.UTF_8));
                postgres.getCopyAPI().copyOut("COPY " + table + " TO STDOUT", out);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String hex(String marker) {
        return HexFormat.of().formatHex(marker.getBytes(StandardCharsets.UTF_8));
    }
}
