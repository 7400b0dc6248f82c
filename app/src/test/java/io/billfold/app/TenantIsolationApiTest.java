package io.billfold.app;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organization B, with its own admin key, tries every endpoint on organization A's customers, contacts, wallets,
 * transactions and keys. Anything of A must behave exactly as if it did not exist (the same answer as an id that
 * exists nowhere), filters must find nothing of A, and nothing of A may change.
 */
class TenantIsolationApiTest extends ApiTestSupport {

    private static final String MISSING_CUSTOMER = "cus_01m80000000000000000000000";
    private static final String MISSING_WALLET = "wal_01m80000000000000000000000";
    private static final String MISSING_CONTACT = "con_01m80000000000000000000000";
    private static final String MISSING_KEY = "key_01m80000000000000000000000";

    /** A's rows in every table that holds them, and the events of A's aggregates. */
    private static final String STATE_OF_ORGANIZATION = """
            select concat_ws('|',
              (select count(*) || '/' || coalesce(max(global_index), 0) from domain_event_entry
                where aggregate_identifier in (select customer_id from customer_hierarchy where organization_id = ?)
                   or aggregate_identifier in (select wallet_id from wallet_registry where organization_id = ?)),
              (select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from api_key t where organization_id = ?),
              (select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from customer_claim t where organization_id = ?),
              (select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from customer_hierarchy t where organization_id = ?),
              (select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from wallet_registry t where organization_id = ?),
              (select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from customer_view t where organization_id = ?),
              (select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from customer_history t where organization_id = ?),
              (select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from customer_contact t where organization_id = ?),
              (select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from customer_recipient t where organization_id = ?),
              (select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from wallet_view t where organization_id = ?),
              (select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from wallet_transaction t where organization_id = ?),
              (select count(*) from idempotency_record where organization_id = ?))
            """;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anotherOrganizationCannotSeeOrTouchAnything() {
        Client a = newOrganization("tenant A");
        Client aWriter = newKey(a, "writer");
        Response parent = a.post("/v1/customers", json(body("customer_name", "Alpha Parent Zyxwv",
                "email", "alpha@tenant.example", "external_id", "alpha-1", "business_entity_id", "be-alpha",
                "address", Map.of("line1", "1 A St", "country", "DE"), "custom_data", Map.of("tag", "alpha-tag"))),
                "Idempotency-Key", "shared-key");
        String customer = parent.text("id");
        Response child = aWriter.post("/v1/customers", json(body("customer_name", "Alpha Child",
                "parent_customer_id", customer)));
        String childId = child.text("id");
        String contact = a.post("/v1/customers/" + customer + "/contacts", json(body("email", "c@tenant.example",
                "communications", List.of("invoices")))).text("id");
        String wallet = a.post("/v1/customers/" + customer + "/wallets", json(body("currency", "USD"))).text("id");
        String childWallet = a.post("/v1/customers/" + childId + "/wallets", json(body("currency", "USD")))
                .text("id");
        assertThat(aWriter.post("/v1/wallets/" + wallet + "/credits",
                json(body("amount", "50.00", "reason", "prepayment"))).status()).isEqualTo(201);
        Response last = aWriter.post("/v1/wallets/" + wallet + "/transfers",
                json(body("to_wallet_id", childWallet, "amount", "5.00")));
        assertThat(last.status()).isEqualTo(201);
        String aKeyId = a.get("/v1/api-keys").json().get("data").get(0).get("id").asString();
        String aWriterActor = last.json().get("debit").get("actor").get("id").asString();

        Client b = newOrganization("tenant B");
        String bCustomer = b.post("/v1/customers", json(body("customer_name", "Beta"))).text("id");
        String bWallet = b.post("/v1/customers/" + bCustomer + "/wallets", json(body("currency", "USD"))).text("id");
        Response bFunded = b.post("/v1/wallets/" + bWallet + "/credits",
                json(body("amount", "20.00", "reason", "prepayment")));
        assertThat(bFunded.status()).isEqualTo(201);

        a.getAfter(last, "/v1/customers/" + customer);
        String before = stateOf(a.organizationId());
        String bWalletBefore = b.getAfter(bFunded, "/v1/wallets/" + bWallet).raw().body();

        List<String> leaks = new ArrayList<>();
        // Each request is sent with A's id and with an id that exists nowhere: the answers must be the same.
        sameAsMissing(leaks, "GET customer", id -> b.get("/v1/customers/" + id), customer, MISSING_CUSTOMER);
        sameAsMissing(leaks, "GET children", id -> b.get("/v1/customers/" + id + "/children"), customer,
                MISSING_CUSTOMER);
        sameAsMissing(leaks, "GET history", id -> b.get("/v1/customers/" + id + "/history"), customer,
                MISSING_CUSTOMER);
        sameAsMissing(leaks, "GET contacts", id -> b.get("/v1/customers/" + id + "/contacts"), customer,
                MISSING_CUSTOMER);
        sameAsMissing(leaks, "GET recipients", id -> b.get("/v1/customers/" + id + "/recipients?communication=invoices"),
                customer, MISSING_CUSTOMER);
        sameAsMissing(leaks, "GET customer wallets", id -> b.get("/v1/customers/" + id + "/wallets"), customer,
                MISSING_CUSTOMER);
        sameAsMissing(leaks, "PATCH customer", id -> b.patch("/v1/customers/" + id,
                json(body("customer_name", "Hijacked"))), customer, MISSING_CUSTOMER);
        sameAsMissing(leaks, "PUT parent of A's customer", id -> b.put("/v1/customers/" + id + "/parent",
                json(body("parent_customer_id", null))), childId, MISSING_CUSTOMER);
        sameAsMissing(leaks, "PUT A's customer as parent", id -> b.put("/v1/customers/" + bCustomer + "/parent",
                json(body("parent_customer_id", id))), customer, MISSING_CUSTOMER);
        sameAsMissing(leaks, "POST customer under A's parent", id -> b.post("/v1/customers",
                json(body("customer_name", "Sneaky", "parent_customer_id", id))), customer, MISSING_CUSTOMER);
        sameAsMissing(leaks, "archive", id -> b.post("/v1/customers/" + id + "/archive", null), childId,
                MISSING_CUSTOMER);
        sameAsMissing(leaks, "unarchive", id -> b.post("/v1/customers/" + id + "/unarchive", null), childId,
                MISSING_CUSTOMER);
        sameAsMissing(leaks, "erase", id -> b.post("/v1/customers/" + id + "/erase", null), childId,
                MISSING_CUSTOMER);
        sameAsMissing(leaks, "POST contact", id -> b.post("/v1/customers/" + id + "/contacts",
                json(body("email", "evil@tenant.example"))), customer, MISSING_CUSTOMER);
        sameAsMissing(leaks, "PATCH contact", id -> b.patch("/v1/customers/" + customer + "/contacts/" + id,
                json(body("label", "evil"))), contact, MISSING_CONTACT);
        sameAsMissing(leaks, "DELETE contact", id -> b.delete("/v1/customers/" + customer + "/contacts/" + id),
                contact, MISSING_CONTACT);
        sameAsMissing(leaks, "POST wallet", id -> b.post("/v1/customers/" + id + "/wallets",
                json(body("currency", "EUR"))), customer, MISSING_CUSTOMER);
        sameAsMissing(leaks, "GET wallet", id -> b.get("/v1/wallets/" + id), wallet, MISSING_WALLET);
        sameAsMissing(leaks, "GET transactions", id -> b.get("/v1/wallets/" + id + "/transactions"), wallet,
                MISSING_WALLET);
        sameAsMissing(leaks, "GET balance", id -> b.get("/v1/wallets/" + id + "/balance"), wallet, MISSING_WALLET);
        sameAsMissing(leaks, "GET balance at", id -> b.get("/v1/wallets/" + id + "/balance?at=2030-01-01T00:00:00Z"),
                wallet, MISSING_WALLET);
        sameAsMissing(leaks, "POST credit", id -> b.post("/v1/wallets/" + id + "/credits",
                json(body("amount", "1.00", "reason", "goodwill"))), wallet, MISSING_WALLET);
        sameAsMissing(leaks, "POST debit", id -> b.post("/v1/wallets/" + id + "/debits",
                json(body("amount", "1.00", "reason", "manual_deduction"))), wallet, MISSING_WALLET);
        sameAsMissing(leaks, "POST transfer from A's wallet", id -> b.post("/v1/wallets/" + id + "/transfers",
                json(body("to_wallet_id", bWallet, "amount", "1.00"))), wallet, MISSING_WALLET);
        sameAsMissing(leaks, "POST transfer to A's wallet", id -> b.post("/v1/wallets/" + bWallet + "/transfers",
                json(body("to_wallet_id", id, "amount", "1.00"))), wallet, MISSING_WALLET);
        sameAsMissing(leaks, "DELETE A's key", id -> b.delete("/v1/api-keys/" + id), aKeyId, MISSING_KEY);
        sameAsMissing(leaks, "GET customer after A's position", id -> b.get("/v1/customers/" + id,
                "Billfold-Await-Position", last.header("Billfold-Position")), customer, MISSING_CUSTOMER);

        // Filters and searches find nothing of A.
        for (String query : List.of("/v1/customers?email=alpha@tenant.example", "/v1/customers?external_id=alpha-1",
                "/v1/customers?q=zyxwv", "/v1/customers?q=alpha", "/v1/customers?parent_customer_id=" + customer,
                "/v1/customers?business_entity_id=be-alpha", "/v1/customers?custom_data.tag=alpha-tag",
                "/v1/customers?country=DE", "/v1/customers?include_archived=true&q=alpha",
                "/v1/customers?starting_after=" + childId,
                "/v1/audit/wallet-adjustments?customer_id=" + customer,
                "/v1/audit/wallet-adjustments?wallet_id=" + wallet,
                "/v1/audit/wallet-adjustments?actor=" + aWriterActor,
                "/v1/audit/wallet-adjustments?starting_after=" + last.json().get("debit").get("id").asString())) {
            Response found = b.get(query);
            if (found.status() != 200 || !found.json().get("data").isEmpty() && anyOf(found, a.organizationId(),
                    customer, childId, wallet, childWallet)) {
                leaks.add(query + " -> " + found.status() + " " + found.raw().body());
            }
        }
        Response auditCsv = b.get("/v1/audit/wallet-adjustments?customer_id=" + customer, "Accept", "text/csv");
        if (auditCsv.raw().body().contains(wallet) || auditCsv.raw().body().contains(customer)) {
            leaks.add("audit CSV shows A's entries: " + auditCsv.raw().body());
        }
        Response keys = b.get("/v1/api-keys");
        if (keys.raw().body().contains(aKeyId)) {
            leaks.add("B's key list shows A's key: " + keys.raw().body());
        }
        // Idempotency keys are per organization: B's request with A's key runs as B's own.
        Response sameKey = b.post("/v1/customers", json(body("customer_name", "Beta Two")), "Idempotency-Key",
                "shared-key");
        if (sameKey.status() != 201 || sameKey.text("id").equals(customer)) {
            leaks.add("Idempotency-Key shared across organizations: " + sameKey.status() + " " + sameKey.raw().body());
        }
        // A's email and external_id are A's alone: B may use them.
        Response sameEmail = b.post("/v1/customers", json(body("customer_name", "Beta Three",
                "email", "alpha@tenant.example", "external_id", "alpha-1")));
        if (sameEmail.status() != 201) {
            leaks.add("A's email or external_id blocks B: " + sameEmail.status() + " " + sameEmail.raw().body());
        }

        assertThat(leaks).isEmpty();
        b.getAfter(sameEmail, "/v1/customers/" + sameEmail.text("id"));
        assertThat(stateOf(a.organizationId())).isEqualTo(before);
        assertThat(b.get("/v1/wallets/" + bWallet).raw().body()).isEqualTo(bWalletBefore);
        assertThat(a.get("/v1/wallets/" + wallet).json().get("balance").asString()).isEqualTo("45.00");
        assertThat(a.get("/v1/customers/" + customer).text("customer_name")).isEqualTo("Alpha Parent Zyxwv");
        assertThat(a.get("/v1/api-keys").raw().body()).contains(aKeyId);
    }

    private static void sameAsMissing(List<String> leaks, String what, Function<String, Response> request,
                                      String foreignId, String missingId) {
        Response foreign = request.apply(foreignId);
        Response missing = request.apply(missingId);
        String foreignBody = foreign.raw().body() == null ? "" : foreign.raw().body();
        if (foreign.status() != missing.status() || !String.valueOf(foreign.code()).equals(String.valueOf(missing.code()))
                || foreign.status() < 400 || foreign.status() >= 500) {
            leaks.add(what + ": " + foreign.status() + " " + foreign.code() + " for A's id, " + missing.status() + " "
                    + missing.code() + " for a missing one: " + foreignBody);
        }
    }

    private static boolean anyOf(Response list, String... ids) {
        String body = list.raw().body();
        for (String id : ids) {
            if (body.contains(id)) {
                return true;
            }
        }
        return false;
    }

    private String stateOf(String organizationId) {
        Object[] arguments = new Object[13];
        Arrays.fill(arguments, organizationId);
        return jdbc.queryForObject(STATE_OF_ORGANIZATION, String.class, arguments);
    }
}
