package io.billfold.app;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a form needs from the API: a 422 lists every invalid field of the request, unknown fields next to the others,
 * and a refused request changes nothing; a body that is not JSON sent to a JSON endpoint is a 415, multipart included.
 */
class FieldErrorsApiTest extends ApiTestSupport {

    private static List<String> fields(Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private record Wallet(Client admin, String id, String customer) {
    }

    private Wallet wallet(String organization) {
        Client admin = newOrganization(organization);
        String customer = admin.post("/v1/customers", json(body("customer_name", "Fields"))).text("id");
        String wallet = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "USD"))).text("id");
        return new Wallet(admin, wallet, customer);
    }

    @Test
    void aCreditListsItsUnknownFieldWithEveryOtherInvalidField() {
        Wallet w = wallet("credit fields");
        Response credit = w.admin().post("/v1/wallets/" + w.id() + "/credits", json(body("amount", "1.001",
                "reason", "gift", "colour", "red", "description", " ", "metadata", Map.of(" ", "v"))));
        assertThat(credit.status()).isEqualTo(422);
        assertThat(credit.code()).isEqualTo("validation_failed");
        assertThat(fields(credit)).containsExactly("colour", "amount", "reason", "description", "metadata. ");
        assertThat(credit.header("Content-Type")).startsWith("application/problem+json");

        Response debit = w.admin().post("/v1/wallets/" + w.id() + "/debits", json(body("amount", "x",
                "reason", "invoice_settlement", "reference", "\u0001")));
        assertThat(fields(debit)).containsExactly("amount", "invoice_id", "reference");

        Response transfer = w.admin().post("/v1/wallets/" + w.id() + "/transfers", json(body("amount", "0",
                "to_wallet_id", w.id(), "description", "")));
        assertThat(fields(transfer)).containsExactly("to_wallet_id", "description", "amount");
    }

    @Test
    void anUnknownFieldRefusesARequestThatWouldOtherwiseSucceedAndChangesNothing() {
        Wallet w = wallet("unknown only");
        Response credit = w.admin().post("/v1/wallets/" + w.id() + "/credits", json(body("amount", "5.00",
                "reason", "goodwill", "colour", "red")), "Idempotency-Key", "unknown-field-credit");
        assertThat(credit.status()).isEqualTo(422);
        assertThat(fields(credit)).containsExactly("colour");
        assertThat(credit.header("Location")).isNull();
        assertThat(credit.header("Billfold-Position")).isNull();
        Response valid = w.admin().post("/v1/wallets/" + w.id() + "/credits", json(body("amount", "5.00",
                "reason", "goodwill")));
        assertThat(valid.status()).isEqualTo(201);
        assertThat(valid.text("balance_after")).isEqualTo("5.00");
        assertThat(w.admin().getAfter(valid, "/v1/wallets/" + w.id() + "/transactions").json().get("data").size())
                .isEqualTo(1);
    }

    @Test
    void nestedUnknownFieldsAreNamedByTheirPathNextToTheCustomersOtherErrors() {
        Client admin = newOrganization("nested unknown");
        Response created = admin.post("/v1/customers", json(body("customer_name", " ", "email", "not-an-email",
                "address", body("line1", "1 Main St", "colour", "red", "country", "Atlantis"),
                "tax_info", List.of(body("tax_code", "US_EIN", "tax_id", "12-3456789", "note", Map.of("a", 1))),
                "shade", List.of(1, 2))));
        assertThat(created.status()).isEqualTo(422);
        assertThat(fields(created)).contains("address.colour", "tax_info[0].note", "shade", "customer_name", "email",
                "address.country");
        assertThat(admin.get("/v1/customers?include_archived=true").json().get("data")).isEmpty();

        String customer = admin.post("/v1/customers", json(body("customer_name", "Has contacts"))).text("id");
        Response contact = admin.post("/v1/customers/" + customer + "/contacts",
                json(body("email", "bad", "delivery", "fax", "nickname", "x")));
        assertThat(fields(contact)).contains("nickname", "email", "delivery");

        // A merge patch lists its unknown members with the rest of what is wrong, too.
        Response patched = admin.patch("/v1/customers/" + customer, json(body("email", "bad", "colour", "red",
                "address", body("shade", 1, "country", "Atlantis"))));
        assertThat(patched.status()).isEqualTo(422);
        assertThat(fields(patched)).containsExactlyInAnyOrder("colour", "address.shade", "email", "address.country");
        String contactId = admin.post("/v1/customers/" + customer + "/contacts", json(body("email", "k@example.com")))
                .text("id");
        Response contactPatch = admin.patch("/v1/customers/" + customer + "/contacts/" + contactId,
                json(body("email", "bad", "nickname", "x")));
        assertThat(fields(contactPatch)).containsExactlyInAnyOrder("nickname", "email");
    }

    @Test
    void anyBodyButJsonOnAJsonEndpointIsUnsupportedMediaType() {
        Wallet w = wallet("media types");
        String multipart = "--xyz\r\nContent-Disposition: form-data; name=\"customer_name\"\r\n\r\nA\r\n--xyz--\r\n";
        for (String path : List.of("/v1/customers", "/v1/customers/" + w.customer() + "/contacts",
                "/v1/customers/" + w.customer() + "/wallets", "/v1/wallets/" + w.id() + "/credits",
                "/v1/wallets/" + w.id() + "/debits", "/v1/wallets/" + w.id() + "/transfers", "/v1/api-keys")) {
            for (String[] typed : List.of(new String[] {"multipart/form-data; boundary=xyz", multipart},
                    new String[] {"multipart/form-data; boundary=xyz", "{\"customer_name\": \"A\"}"},
                    new String[] {"text/plain", "{}"}, new String[] {"application/x-www-form-urlencoded", "a=b"},
                    new String[] {"text/csv", "customer_name\nA\n"}, new String[] {"application/xml", "<a/>"})) {
                Response response = w.admin().send("POST", path, typed[1], typed[0]);
                assertThat(response.status()).as(path + " as " + typed[0]).isEqualTo(415);
                assertThat(response.code()).isEqualTo("unsupported_media_type");
            }
        }
        assertThat(w.admin().send("PATCH", "/v1/customers/" + w.customer(), multipart,
                "multipart/form-data; boundary=xyz").status()).isEqualTo(415);
        assertThat(w.admin().send("PUT", "/v1/customers/" + w.customer() + "/parent", multipart,
                "multipart/form-data; boundary=xyz").status()).isEqualTo(415);
        // The import endpoint still takes its file as multipart.
        String file = "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\ncustomer_name\r\nA\r\n--xyz--\r\n";
        assertThat(w.admin().send("POST", "/v1/customers/imports?dry_run=true", file,
                "multipart/form-data; boundary=xyz").status()).isEqualTo(202);
    }
}
