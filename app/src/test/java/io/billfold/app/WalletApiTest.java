package io.billfold.app;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class WalletApiTest extends ApiTestSupport {

    @Test
    void oneWalletPerCurrencyForALiveCustomerOfTheOrganization() {
        Client admin = newOrganization("wallets");
        String customer = customer(admin);
        Response created = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "USD")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("balance")).isEqualTo("0.00");
        assertThat(created.json().get("version").asLong()).isEqualTo(1);
        assertThat(admin.getAfter(created, "/v1/wallets/" + created.text("id")).json()).isEqualTo(created.json());

        Response again = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "USD")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("wallet_exists");
        assertThat(admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "usd"))).status()).isEqualTo(422);
        assertThat(admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "XXY"))).status()).isEqualTo(422);
        assertThat(admin.post("/v1/customers/cus_missing/wallets", json(body("currency", "EUR"))).status()).isEqualTo(404);
        assertThat(newOrganization("wallets-stranger").post("/v1/customers/" + customer + "/wallets",
                json(body("currency", "EUR"))).status()).isEqualTo(404);
        Response eur = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "EUR")));
        assertThat(ids(admin.getAfter(eur, "/v1/customers/" + customer + "/wallets"))).hasSize(2);
    }

    @Test
    void amountsAreExactInTheCurrencysMinorUnits() {
        Client admin = newOrganization("precision");
        String customer = customer(admin);
        String jpy = wallet(admin, customer, "JPY");
        String usd = wallet(admin, customer, "USD");
        String bhd = wallet(admin, customer, "BHD");

        assertThat(credit(admin, jpy, "150").text("balance_after")).isEqualTo("150");
        assertThat(credit(admin, jpy, "1.5").code()).isEqualTo("validation_failed");
        assertThat(credit(admin, usd, "1.005").status()).isEqualTo(422);
        assertThat(credit(admin, usd, "0.10").text("balance_after")).isEqualTo("0.10");
        assertThat(credit(admin, bhd, "1.005").text("amount")).isEqualTo("1.005");
        Response number = admin.post("/v1/wallets/" + usd + "/credits", "{\"amount\": 0.20, \"reason\": \"goodwill\"}");
        assertThat(number.status()).isEqualTo(201);
        assertThat(number.text("balance_after")).isEqualTo("0.30");
        assertThat(credit(admin, usd, "-1").status()).isEqualTo(422);
        assertThat(credit(admin, usd, "0").status()).isEqualTo(422);
        assertThat(credit(admin, usd, "1e3").text("amount")).isEqualTo("1000.00");
        assertThat(credit(admin, usd, "abc").status()).isEqualTo(422);
        assertThat(admin.post("/v1/wallets/" + usd + "/credits", "{\"amount\": 1e999999999, \"reason\": \"goodwill\"}")
                .status()).isEqualTo(422);
        assertThat(credit(admin, usd, "1e-999999999").status()).isEqualTo(422);
    }

    @Test
    void creditsDebitsAndTheLedger() {
        Client admin = newOrganization("ledger");
        String customer = customer(admin);
        String wallet = wallet(admin, customer, "USD");

        Response credit = admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "100.00",
                "reason", "prepayment", "description", "Top-up", "reference", "PO-1", "metadata", Map.of("source", "crm"))));
        assertThat(credit.status()).isEqualTo(201);
        assertThat(credit.text("type")).isEqualTo("credit");
        assertThat(credit.json().get("actor").get("name").asString()).isEqualTo("admin");
        assertThat(credit.json().get("sequence").asLong()).isEqualTo(2);

        Response settle = admin.post("/v1/wallets/" + wallet + "/debits", json(body("amount", "30.25",
                "reason", "invoice_settlement", "invoice_id", "inv-1")));
        assertThat(settle.text("balance_after")).isEqualTo("69.75");
        Response noInvoice = admin.post("/v1/wallets/" + wallet + "/debits", json(body("amount", "1",
                "reason", "invoice_settlement")));
        assertThat(noInvoice.status()).isEqualTo(422);
        Response tooMuch = admin.post("/v1/wallets/" + wallet + "/debits", json(body("amount", "69.76",
                "reason", "manual_deduction")));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("insufficient_funds");
        Response nul = admin.post("/v1/wallets/" + wallet + "/credits",
                "{\"amount\": \"1\", \"reason\": \"other\", \"description\": \"a\\u0000b\"}");
        assertThat(nul.status()).isEqualTo(422);
        Response nulMetadata = admin.post("/v1/wallets/" + wallet + "/credits",
                "{\"amount\": \"1\", \"reason\": \"other\", \"metadata\": {\"k\": \"a\\u0000\"}}");
        assertThat(nulMetadata.status()).isEqualTo(422);
        Response badReason = admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "1", "reason", "gift")));
        assertThat(badReason.status()).isEqualTo(422);
        Response stale = admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "1", "reason", "other",
                "expected_version", 2)));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("version_conflict");
        Response current = admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "0.25", "reason", "other",
                "expected_version", 3)));
        assertThat(current.status()).isEqualTo(201);

        Response ledger = admin.getAfter(current, "/v1/wallets/" + wallet + "/transactions");
        JsonNode entries = ledger.json().get("data");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).get("balance_after").asString()).isEqualTo("70.00");
        assertThat(entries.get(1).get("invoice_id").asString()).isEqualTo("inv-1");
        assertThat(entries.get(2).get("metadata").get("source").asString()).isEqualTo("crm");
        assertThat(ids(admin.get("/v1/wallets/" + wallet + "/transactions?type=debit"))).hasSize(1);
        assertThat(ids(admin.get("/v1/wallets/" + wallet + "/transactions?reason=prepayment"))).hasSize(1);
        Response page = admin.get("/v1/wallets/" + wallet + "/transactions?limit=2");
        Response next = admin.get("/v1/wallets/" + wallet + "/transactions?limit=2&starting_after=" + page.text("next_cursor"));
        assertThat(ids(next)).containsExactly(credit.text("id"));
        assertThat(admin.get("/v1/wallets/" + wallet).text("balance")).isEqualTo("70.00");

        Response before = admin.get("/v1/wallets/" + wallet + "/balance?at=" + settle.text("occurred_at"));
        assertThat(before.text("balance")).isEqualTo("69.75");
        Response start = admin.get("/v1/wallets/" + wallet + "/balance?at=2000-01-01T00:00:00Z");
        assertThat(start.text("balance")).isEqualTo("0.00");
        assertThat(admin.get("/v1/wallets/" + wallet + "/balance?at=soon").status()).isEqualTo(422);
        assertThat(newOrganization("ledger-stranger").get("/v1/wallets/" + wallet).status()).isEqualTo(404);
        Response customerAsWallet = admin.post("/v1/wallets/" + customer + "/credits",
                json(body("amount", "1", "reason", "other")));
        assertThat(customerAsWallet.status()).isEqualTo(404);
        assertThat(newOrganization("ledger-stranger-2").post("/v1/wallets/" + wallet + "/credits",
                json(body("amount", "1", "reason", "other"))).status()).isEqualTo(404);
    }

    /** Texts are counted in characters (code points): 255 emoji, 510 UTF-16 units, are a valid description. */
    @Test
    void aDescriptionOf255EmojiIsAcceptedAndOf256Refused() {
        Client admin = newOrganization("emoji");
        String wallet = wallet(admin, customer(admin), "USD");
        String emoji = "\uD83D\uDE00";

        Response accepted = admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "1",
                "reason", "goodwill", "description", emoji.repeat(255))));
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.text("description")).isEqualTo(emoji.repeat(255));
        assertThat(admin.getAfter(accepted, "/v1/wallets/" + wallet + "/transactions").json().get("data").get(0)
                .get("description").asString()).isEqualTo(emoji.repeat(255));
        Response refused = admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "1",
                "reason", "goodwill", "description", emoji.repeat(256))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors")).hasSize(1);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("description");
        assertThat(refused.json().get("errors").get(0).get("code").asString()).isEqualTo("invalid_value");
    }

    /** A ledger entry is one flat object, its members in the order the API has always written them. */
    @Test
    void aLedgerEntryIsOneFlatObjectWithItsMembersInOrder() {
        Client admin = newOrganization("entry-layout");
        String wallet = wallet(admin, customer(admin), "USD");

        Response credit = admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "5.00",
                "reason", "prepayment", "description", "Top-up", "reference", "PO-9", "metadata", Map.of("k", "v"))));
        JsonNode listed = admin.getAfter(credit, "/v1/wallets/" + wallet + "/transactions").json().get("data").get(0);

        List<String> members = List.of("id", "wallet_id", "customer_id", "type", "amount", "currency", "reason",
                "description", "reference", "invoice_id", "metadata", "balance_after", "sequence", "actor",
                "idempotency_key", "request_id", "occurred_at", "transfer_id", "consumed_grants", "grant_id",
                "hold_id", "expires_at");
        assertThat(credit.json().propertyNames()).containsExactlyElementsOf(members);
        assertThat(listed.propertyNames()).containsExactlyElementsOf(members);
        assertThat(listed).isEqualTo(credit.json());
        assertThat(credit.json().get("actor").propertyNames()).containsExactly("id", "name");
        assertThat(credit.text("request_id")).isNotBlank();
        assertThat(credit.json().get("idempotency_key").isNull()).isTrue();
    }

    @Test
    void fortyRacingDebitsOfFiveOnAHundredGiveExactlyTwentySuccesses() throws Exception {
        Client admin = newOrganization("race-debits");
        String wallet = wallet(admin, customer(admin), "USD");
        credit(admin, wallet, "100.00");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Response>> debits = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                debits.add(() -> admin.post("/v1/wallets/" + wallet + "/debits",
                        json(body("amount", "5.00", "reason", "manual_deduction"))));
            }
            for (Future<Response> future : pool.invokeAll(debits)) {
                Response response = future.get();
                statuses.add(response.status());
                if (response.status() == 422) {
                    assertThat(response.code()).isEqualTo("insufficient_funds");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses.stream().filter(status -> status == 201)).hasSize(20);
        assertThat(statuses.stream().filter(status -> status == 422)).hasSize(20);
        Response marker = credit(admin, wallet, "0.01");
        assertThat(marker.text("balance_after")).isEqualTo("0.01");
        assertConsistentLedger(admin, wallet, marker);
    }

    @Test
    void racingTransfersAndDebitsNeverCreateOrLoseMoney() throws Exception {
        Client admin = newOrganization("race-transfers");
        String parent = customer(admin);
        List<String> wallets = List.of(wallet(admin, parent, "EUR"), wallet(admin, customer(admin), "EUR"),
                wallet(admin, customer(admin), "EUR"));
        for (String wallet : wallets) {
            credit(admin, wallet, "100.00");
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        BigDecimal debited = BigDecimal.ZERO;
        try {
            List<Callable<Response>> work = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String from = wallets.get(i % 3);
                String to = wallets.get((i + 1 + i / 3 % 2) % 3);
                if (i % 4 == 0) {
                    work.add(() -> admin.post("/v1/wallets/" + from + "/debits",
                            json(body("amount", "3.00", "reason", "manual_deduction"))));
                } else {
                    work.add(() -> admin.post("/v1/wallets/" + from + "/transfers",
                            json(body("to_wallet_id", to, "amount", "7.50"))));
                }
            }
            for (Future<Response> future : pool.invokeAll(work)) {
                Response response = future.get();
                assertThat(response.status()).isIn(201, 422);
                if (response.status() == 201 && "debit".equals(response.text("type"))) {
                    debited = debited.add(new BigDecimal(response.text("amount")));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        BigDecimal total = BigDecimal.ZERO;
        for (String wallet : wallets) {
            Response marker = credit(admin, wallet, "0.01");
            assertConsistentLedger(admin, wallet, marker);
            total = total.add(new BigDecimal(marker.text("balance_after")));
        }
        assertThat(total).isEqualByComparingTo(new BigDecimal("300.03").subtract(debited));
    }

    @Test
    void transfersMoveCreditWithinOneCurrencyAndOrganization() {
        Client admin = newOrganization("transfers");
        String child = customer(admin);
        String from = wallet(admin, child, "USD");
        String to = wallet(admin, customer(admin), "USD");
        String gbp = wallet(admin, child, "GBP");
        credit(admin, from, "50.00");

        Response transfer = admin.post("/v1/wallets/" + from + "/transfers", json(body("to_wallet_id", to,
                "amount", "20.00", "description", "Consolidate")));
        assertThat(transfer.status()).isEqualTo(201);
        assertThat(transfer.json().get("debit").get("balance_after").asString()).isEqualTo("30.00");
        assertThat(transfer.json().get("credit").get("balance_after").asString()).isEqualTo("20.00");
        assertThat(transfer.json().get("credit").get("reason").asString()).isEqualTo("transfer");

        assertThat(admin.post("/v1/wallets/" + from + "/transfers", json(body("to_wallet_id", gbp, "amount", "1.00")))
                .code()).isEqualTo("currency_mismatch");
        assertThat(admin.post("/v1/wallets/" + from + "/transfers", json(body("to_wallet_id", to, "amount", "31.00")))
                .code()).isEqualTo("insufficient_funds");
        assertThat(admin.post("/v1/wallets/" + from + "/transfers", json(body("to_wallet_id", from, "amount", "1.00")))
                .status()).isEqualTo(422);
        Client stranger = newOrganization("transfers-stranger");
        String foreign = wallet(stranger, customer(stranger), "USD");
        assertThat(admin.post("/v1/wallets/" + from + "/transfers", json(body("to_wallet_id", foreign, "amount", "1.00")))
                .status()).isEqualTo(404);
        Response after = admin.getAfter(transfer, "/v1/wallets/" + from);
        assertThat(after.text("balance")).isEqualTo("30.00");
    }

    @Test
    void idempotentRetriesOfCreditsAndTransfersApplyOnce() {
        Client admin = newOrganization("wallet-retries");
        String from = wallet(admin, customer(admin), "USD");
        String to = wallet(admin, customer(admin), "USD");
        String creditBody = json(body("amount", "10.00", "reason", "goodwill"));
        Response first = admin.post("/v1/wallets/" + from + "/credits", creditBody, "Idempotency-Key", "credit-1");
        Response retry = admin.post("/v1/wallets/" + from + "/credits", creditBody, "Idempotency-Key", "credit-1");
        assertThat(retry.raw().body()).isEqualTo(first.raw().body());
        assertThat(first.text("idempotency_key")).isEqualTo("credit-1");

        String transferBody = json(body("to_wallet_id", to, "amount", "4.00"));
        Response transfer = admin.post("/v1/wallets/" + from + "/transfers", transferBody, "Idempotency-Key", "move-1");
        Response again = admin.post("/v1/wallets/" + from + "/transfers", transferBody, "Idempotency-Key", "move-1");
        assertThat(again.raw().body()).isEqualTo(transfer.raw().body());
        assertThat(admin.getAfter(again, "/v1/wallets/" + from).text("balance")).isEqualTo("6.00");
        assertThat(admin.get("/v1/wallets/" + to).text("balance")).isEqualTo("4.00");
    }

    @Test
    void aCustomerWithCreditCannotBeArchived() {
        Client admin = newOrganization("archive-credit");
        String customer = customer(admin);
        String wallet = wallet(admin, customer, "USD");
        credit(admin, wallet, "5.00");
        Response refused = admin.post("/v1/customers/" + customer + "/archive", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("wallet_balance_not_zero");
        admin.post("/v1/wallets/" + wallet + "/debits", json(body("amount", "5.00", "reason", "manual_deduction")));
        assertThat(admin.post("/v1/customers/" + customer + "/archive", null).status()).isEqualTo(200);
        assertThat(credit(admin, wallet, "1.00").code()).isEqualTo("customer_archived");
    }

    @Test
    void theAuditTrailListsEveryAdjustmentWithItsActorAsJsonOrCsv() {
        Client admin = newOrganization("audit");
        Client writer = newKey(admin, "writer");
        String customer = customer(admin);
        String wallet = wallet(admin, customer, "USD");
        credit(admin, wallet, "10.00");
        Response last = writer.post("/v1/wallets/" + wallet + "/debits", json(body("amount", "2.50",
                "reason", "correction", "description", "=HYPERLINK(\"x\"), oops")));

        Response audit = admin.getAfter(last, "/v1/audit/wallet-adjustments");
        assertThat(ids(audit)).hasSize(2);
        assertThat(ids(admin.get("/v1/audit/wallet-adjustments?reason=correction"))).containsExactly(last.text("id"));
        String writerKeyId = last.json().get("actor").get("id").asString();
        assertThat(ids(admin.get("/v1/audit/wallet-adjustments?actor=" + writerKeyId))).containsExactly(last.text("id"));
        assertThat(ids(admin.get("/v1/audit/wallet-adjustments?customer_id=" + customer))).hasSize(2);
        assertThat(ids(newOrganization("audit-stranger").get("/v1/audit/wallet-adjustments"))).isEmpty();

        Response csv = admin.get("/v1/audit/wallet-adjustments", "Accept", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.raw().body().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("id,occurred_at,wallet_id");
        assertThat(lines[1]).contains(last.text("id")).contains("\"'=HYPERLINK(\"\"x\"\"), oops\"").contains("2.50");
    }

    private void assertConsistentLedger(Client admin, String wallet, Response after) {
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            Response page = admin.getAfter(after, "/v1/wallets/" + wallet + "/transactions?limit=100"
                    + (cursor == null ? "" : "&starting_after=" + cursor));
            page.json().get("data").forEach(entries::add);
            cursor = page.json().get("has_more").asBoolean() ? page.text("next_cursor") : null;
        } while (cursor != null);
        BigDecimal balance = BigDecimal.ZERO;
        long sequence = 1;
        for (int i = entries.size() - 1; i >= 0; i--) {
            JsonNode entry = entries.get(i);
            BigDecimal amount = new BigDecimal(entry.get("amount").asString());
            balance = "credit".equals(entry.get("type").asString()) ? balance.add(amount) : balance.subtract(amount);
            assertThat(new BigDecimal(entry.get("balance_after").asString())).isEqualByComparingTo(balance);
            assertThat(entry.get("sequence").asLong()).isEqualTo(++sequence);
        }
        assertThat(new BigDecimal(admin.get("/v1/wallets/" + wallet).text("balance"))).isEqualByComparingTo(balance);
    }

    private static Response credit(Client client, String wallet, String amount) {
        return client.post("/v1/wallets/" + wallet + "/credits", json(body("amount", amount, "reason", "promotional")));
    }

    private static String customer(Client client) {
        return client.post("/v1/customers", json(body("customer_name", "Wallet owner"))).text("id");
    }

    private static String wallet(Client client, String customer, String currency) {
        Response created = client.post("/v1/customers/" + customer + "/wallets", json(body("currency", currency)));
        assertThat(created.status()).isEqualTo(201);
        return created.text("id");
    }

}
