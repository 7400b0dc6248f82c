package io.billfold.app;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of {@code docs/openapi.json}, once with a valid request and once with an invalid one. Each answer is
 * checked against the document by {@link ContractCheck}, as every exchange of the API tests is; this test makes sure
 * that none is left out.
 */
class ApiContractTest extends ApiTestSupport {

    /**
     * Successes this test cannot cause without disturbing the other tests of the shared application (a replay, a
     * parked event); {@code ProjectionOperationsApiTest} causes them, and its exchanges are checked too.
     */
    private static final Set<String> SUCCESSES_ELSEWHERE = Set.of("replayProjection", "dropDeadLetter");

    @Test
    void everyOperationAnswersValidAndInvalidRequestsAsDocumented() {
        Client admin = newOrganization("contract");
        Client reader = newKey(admin, "reader");
        Client nobody = client(null);

        expect(201, operator().post("/v1/organizations", json(Map.of("name", "contract-other"))));
        expect(403, admin.post("/v1/organizations", json(Map.of("name", "not allowed"))));
        Response key = expect(201, admin.post("/v1/api-keys", json(Map.of("name", "ci", "role", "writer"))));
        expect(422, admin.post("/v1/api-keys", json(Map.of("name", "ci", "role", "god"))));
        expect(200, admin.get("/v1/api-keys"));
        expect(403, reader.get("/v1/api-keys"));
        expect(204, admin.delete("/v1/api-keys/" + key.text("id")));
        expect(404, admin.delete("/v1/api-keys/key_unknown"));

        Response parent = expect(201, admin.post("/v1/customers", json(Map.of("customer_name", "Parent Ltd")),
                "Idempotency-Key", "contract-parent"));
        expect(422, admin.post("/v1/customers", json(Map.of("customer_name", "Bad", "email", "not-an-email"))));
        String parentId = parent.text("id");
        Response child = expect(201, admin.post("/v1/customers", json(Map.of("customer_name", "Child Ltd",
                "email", "child@contract.example", "custom_data", Map.of("tier", "gold")))));
        String childId = child.text("id");
        expect(200, admin.getAfter(child, "/v1/customers/" + childId));
        expect(404, admin.get("/v1/customers/cus_unknown"));
        expect(200, admin.get("/v1/customers?q=ltd&limit=5&include_archived=true&custom_data.tier=gold"));
        expect(422, admin.get("/v1/customers?limit=0"));
        expect(200, admin.patch("/v1/customers/" + childId, json(Map.of("customer_name", "Child Limited"))));
        expect(400, admin.patch("/v1/customers/" + childId, "{"));
        Response attached = expect(200, admin.put("/v1/customers/" + childId + "/parent",
                json(Map.of("parent_customer_id", parentId))));
        expect(422, admin.put("/v1/customers/" + parentId + "/parent", json(Map.of("parent_customer_id", childId))));
        expect(200, admin.getAfter(attached, "/v1/customers/" + parentId + "/children"));
        expect(404, admin.get("/v1/customers/cus_unknown/children"));
        expect(200, admin.getAfter(attached, "/v1/customers/" + childId + "/history"));
        expect(404, admin.get("/v1/customers/cus_unknown/history"));
        Response loner = expect(201, admin.post("/v1/customers", json(Map.of("customer_name", "Loner"))));
        expect(200, admin.post("/v1/customers/" + loner.text("id") + "/archive", ""));
        expect(409, admin.post("/v1/customers/" + parentId + "/archive", ""));
        expect(200, admin.post("/v1/customers/" + loner.text("id") + "/unarchive", ""));
        expect(404, admin.post("/v1/customers/cus_unknown/unarchive", ""));

        Response contact = expect(201, admin.post("/v1/customers/" + childId + "/contacts", json(Map.of(
                "email", "ap@contract.example", "communications", List.of("invoices"), "delivery", "cc"))));
        expect(422, admin.post("/v1/customers/" + childId + "/contacts", json(Map.of("first_name", "No email"))));
        expect(200, admin.getAfter(contact, "/v1/customers/" + childId + "/contacts"));
        expect(404, admin.get("/v1/customers/cus_unknown/contacts"));
        String contactPath = "/v1/customers/" + childId + "/contacts/" + contact.text("id");
        Response changed = expect(200, admin.patch(contactPath, json(Map.of("label", "Accounts payable"))));
        expect(404, admin.patch("/v1/customers/" + childId + "/contacts/con_unknown", json(Map.of("label", "x"))));
        expect(200, admin.getAfter(changed, "/v1/customers/" + childId + "/recipients?communication=invoices"));
        expect(422, admin.get("/v1/customers/" + childId + "/recipients?communication=spam"));
        expect(204, admin.delete(contactPath));
        expect(404, admin.delete(contactPath));

        Response wallet = expect(201, admin.post("/v1/customers/" + childId + "/wallets",
                json(Map.of("currency", "USD"))));
        expect(409, admin.post("/v1/customers/" + childId + "/wallets", json(Map.of("currency", "USD"))));
        String walletId = wallet.text("id");
        expect(200, admin.getAfter(wallet, "/v1/wallets/" + walletId));
        expect(404, admin.get("/v1/wallets/wal_unknown"));
        expect(200, admin.getAfter(wallet, "/v1/customers/" + childId + "/wallets"));
        expect(404, admin.get("/v1/customers/cus_unknown/wallets"));
        expect(200, admin.patch("/v1/wallets/" + walletId, json(Map.of("low_balance_threshold", "10.00"))));
        expect(404, admin.patch("/v1/wallets/wal_unknown", json(Map.of("low_balance_threshold", "10.00"))));
        expect(201, admin.post("/v1/wallets/" + walletId + "/credits",
                json(Map.of("amount", "125.50", "reason", "prepayment", "metadata", Map.of("po", "4711")))));
        expect(422, admin.post("/v1/wallets/" + walletId + "/credits",
                json(Map.of("amount", "1.234", "reason", "prepayment"))));
        expect(201, admin.post("/v1/wallets/" + walletId + "/debits",
                json(Map.of("amount", "5.00", "reason", "invoice_settlement", "invoice_id", "inv_1"))));
        expect(422, admin.post("/v1/wallets/" + walletId + "/debits",
                json(Map.of("amount", "5000.00", "reason", "manual_deduction"))));
        String parentWallet = expect(201, admin.post("/v1/customers/" + parentId + "/wallets",
                json(Map.of("currency", "USD")))).text("id");
        String euroWallet = expect(201, admin.post("/v1/customers/" + parentId + "/wallets",
                json(Map.of("currency", "EUR")))).text("id");
        Response transfer = expect(201, admin.post("/v1/wallets/" + walletId + "/transfers",
                json(Map.of("to_wallet_id", parentWallet, "amount", "20.00"))));
        expect(422, admin.post("/v1/wallets/" + walletId + "/transfers",
                json(Map.of("to_wallet_id", euroWallet, "amount", "20.00"))));
        Response hold = expect(201, admin.post("/v1/wallets/" + walletId + "/holds",
                json(Map.of("amount", "10.00", "reference", "order-1"))));
        expect(422, admin.post("/v1/wallets/" + walletId + "/holds", json(Map.of("amount", "9000.00"))));
        String holdPath = "/v1/holds/" + hold.text("id");
        expect(200, admin.getAfter(hold, holdPath));
        expect(404, admin.get("/v1/holds/hold_unknown"));
        expect(201, admin.post(holdPath + "/capture", json(Map.of("amount", "4.00"))));
        expect(404, admin.post("/v1/holds/hold_unknown/capture", json(Map.of())));
        Response released = expect(200, admin.post("/v1/holds/" + expect(201, admin.post("/v1/wallets/" + walletId
                + "/holds", json(Map.of("amount", "1.00")))).text("id") + "/release", json(Map.of())));
        expect(409, admin.post(holdPath + "/release", json(Map.of())));
        expect(200, admin.getAfter(released, "/v1/wallets/" + walletId + "/holds?status=released"));
        expect(422, admin.get("/v1/wallets/" + walletId + "/holds?status=lost"));
        expect(200, admin.getAfter(released, "/v1/wallets/" + walletId + "/grants?status=active"));
        expect(422, admin.get("/v1/wallets/" + walletId + "/grants?status=lost"));
        expect(200, admin.getAfter(transfer, "/v1/wallets/" + walletId + "/transactions?type=debit&limit=1"));
        expect(422, admin.get("/v1/wallets/" + walletId + "/transactions?type=refund"));
        expect(200, admin.getAfter(transfer, "/v1/wallets/" + walletId + "/balance?at=2999-01-01T00:00:00Z"));
        expect(422, admin.get("/v1/wallets/" + walletId + "/balance?at=yesterday"));
        expect(200, admin.getAfter(transfer, "/v1/audit/wallet-adjustments?wallet_id=" + walletId));
        Response csv = expect(200, admin.get("/v1/audit/wallet-adjustments?customer_id=" + childId,
                "Accept", "text/csv"));
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        expect(422, admin.get("/v1/audit/wallet-adjustments?from=later"));

        String erasable = expect(201, admin.post("/v1/customers", json(Map.of("customer_name", "Erasable Ltd"))))
                .text("id");
        expect(200, admin.post("/v1/customers/" + erasable + "/erase", ""));
        expect(409, admin.patch("/v1/customers/" + erasable, json(Map.of("customer_name", "Back again"))));
        expect(404, admin.post("/v1/customers/cus_unknown/erase", ""));

        expect(200, admin.get("/v1/customers/imports/template.csv"));
        expect(401, nobody.get("/v1/customers/imports/template.csv"));
        String file = "customer_name,email\r\nImported Ltd,imported@contract.example\r\n";
        Response imported = expect(202, admin.send("POST", "/v1/customers/imports?dry_run=true", file, "text/csv"));
        String boundary = "contract-boundary";
        expect(202, admin.sendBytes("POST", "/v1/customers/imports?on_conflict=skip", ("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"customers.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n")
                        .getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=" + boundary));
        expect(422, admin.send("POST", "/v1/customers/imports?on_conflict=maybe", file, "text/csv"));
        expect(200, admin.get("/v1/customers/imports/" + imported.text("id")));
        expect(404, admin.get("/v1/customers/imports/imp_unknown"));

        Response endpoint = expect(201, admin.post("/v1/webhook-endpoints", json(Map.of(
                "url", "http://127.0.0.1:9/hooks", "event_types", List.of("customer.created"),
                "description", "contract"))));
        expect(422, admin.post("/v1/webhook-endpoints", json(Map.of("url", "ftp://example.com/hooks",
                "event_types", List.of("*")))));
        String endpointPath = "/v1/webhook-endpoints/" + endpoint.text("id");
        expect(200, admin.get("/v1/webhook-endpoints?limit=10"));
        expect(422, admin.get("/v1/webhook-endpoints?limit=1000"));
        expect(200, admin.get(endpointPath));
        expect(404, admin.get("/v1/webhook-endpoints/we_unknown"));
        expect(200, admin.patch(endpointPath, json(Map.of("description", "contract test"))));
        expect(404, admin.patch("/v1/webhook-endpoints/we_unknown", json(Map.of("description", "x"))));
        expect(200, admin.post(endpointPath + "/rotate-secret", ""));
        expect(404, admin.post("/v1/webhook-endpoints/we_unknown/rotate-secret", ""));
        expect(201, admin.post("/v1/customers", json(Map.of("customer_name", "Hooked Ltd"))));
        Response deliveries = pollUntil(() -> admin.get(endpointPath + "/deliveries?status=pending&limit=5"),
                page -> page.status() == 200 && !ids(page).isEmpty() || page.status() != 200, Duration.ofSeconds(10));
        expect(200, deliveries);
        expect(422, admin.get(endpointPath + "/deliveries?status=lost"));
        expect(202, admin.post(endpointPath + "/deliveries/" + ids(deliveries).get(0) + "/retry", ""));
        expect(404, admin.post(endpointPath + "/deliveries/whd_unknown/retry", ""));
        expect(204, admin.delete(endpointPath));
        expect(404, admin.delete(endpointPath));

        Response events = expect(200, admin.get("/v1/events?types=customer.created&limit=2"));
        expect(422, admin.get("/v1/events?wait=99"));
        expect(200, admin.get("/v1/events/" + ids(events).get(0)));
        expect(404, admin.get("/v1/events/evt_unknown"));

        expect(200, operator().get("/v1/admin/projections"));
        expect(403, admin.get("/v1/admin/projections"));
        expect(404, operator().post("/v1/admin/projections/nothing/replay", ""));
        expect(200, operator().get("/v1/admin/projections/customers/dead-letters?limit=5"));
        expect(404, operator().get("/v1/admin/projections/nothing/dead-letters"));
        expect(200, operator().post("/v1/admin/projections/customers/dead-letters/retry", ""));
        expect(404, operator().post("/v1/admin/projections/nothing/dead-letters/retry", ""));
        expect(404, operator().delete("/v1/admin/projections/customers/dead-letters/999999999"));

        ContractCheck.statusesSeen().forEach((operation, statuses) -> {
            if (!SUCCESSES_ELSEWHERE.contains(operation)) {
                assertThat(statuses).as(operation + " answered a success").anyMatch(status -> status < 300);
            }
            assertThat(statuses).as(operation + " answered an error").anyMatch(status -> status >= 400);
        });
    }

    private static Response expect(int status, Response response) {
        assertThat(response.status()).as(response.raw().request().method() + " " + response.raw().uri() + ": "
                + response.raw().body()).isEqualTo(status);
        return response;
    }
}
