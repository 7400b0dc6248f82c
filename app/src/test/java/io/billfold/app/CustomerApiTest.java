package io.billfold.app;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerApiTest extends ApiTestSupport {

    private static final String FULL_CUSTOMER = json(body(
            "customer_name", "  Acme Corporation ",
            "external_id", "crm-001",
            "email", "Billing@Acme.example",
            "phone_number", "+1 415 555 0123",
            "address", body("line1", "1 Market St", "city", "San Francisco", "state", "CA", "zip_code", "94105",
                    "country", "USA"),
            "tax_info", List.of(body("tax_code", "US_EIN", "tax_id", "12-3456789")),
            "custom_data", body("tier", "gold", "exempt_tax", true),
            "business_entity_id", "be-1",
            "connector", body("name", "hubspot", "reference_id", "hs-9")));

    @Test
    void createdCustomerIsNormalisedAndReadBackExactlyThroughTheQuerySide() {
        Client admin = newOrganization("create");
        Response created = admin.post("/v1/customers", FULL_CUSTOMER);

        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.header("Location")).isEqualTo("/v1/customers/" + id);
        assertThat(Long.parseLong(created.header("Billfold-Position"))).isPositive();
        assertThat(created.text("customer_name")).isEqualTo("Acme Corporation");
        assertThat(created.text("phone_number")).isEqualTo("+14155550123");
        assertThat(created.json().get("address").get("country").asString()).isEqualTo("US");
        assertThat(created.json().get("tax_info").get(0).get("tax_id").asString()).isEqualTo("123456789");
        assertThat(created.json().get("tax_exempt").asBoolean()).isTrue();
        assertThat(created.json().get("communications_enabled").asBoolean()).isTrue();
        assertThat(created.json().get("auto_charge_enabled").asBoolean()).isFalse();
        assertThat(created.json().get("version").asLong()).isEqualTo(1);

        Response read = admin.getAfter(created, "/v1/customers/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());
    }

    @Test
    void invalidFieldsAreAllReportedAndNothingIsCreated() {
        Client admin = newOrganization("invalid");
        Response rejected = admin.post("/v1/customers", json(body(
                "customer_name", " ",
                "email", "not-an-email",
                "phone_number", "12",
                "address", body("country", "XYZ"),
                "tax_info", List.of(body("tax_code", "AU_GST", "tax_id", "51 824 753 557")),
                "custom_data", List.of(1))));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.code()).isEqualTo("validation_failed");
        assertThat(rejected.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(rejected)).contains("customer_name", "email", "phone_number", "address.country",
                "tax_info[0].tax_id", "custom_data");
        assertThat(admin.get("/v1/customers?include_archived=true").json().get("data")).isEmpty();
    }

    @Test
    void malformedOrMistypedBodiesAreClientErrors() {
        Client admin = newOrganization("malformed");
        assertThat(admin.post("/v1/customers", "{\"customer_name\": ").status()).isEqualTo(400);
        Response unknown = admin.post("/v1/customers", "{\"customer_name\": \"A\", \"colour\": \"red\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("code").asString()).isEqualTo("unknown_field");
        Response mistyped = admin.post("/v1/customers", "{\"customer_name\": 42}");
        assertThat(mistyped.status()).isEqualTo(422);
        assertThat(fields(mistyped)).containsExactly("customer_name");
        Response notBoolean = admin.post("/v1/customers", "{\"customer_name\": \"A\", \"auto_charge_enabled\": \"yes\"}");
        assertThat(notBoolean.status()).isEqualTo(422);
        assertThat(admin.send("POST", "/v1/customers", "customer_name=A", "text/plain").status()).isEqualTo(415);
        String huge = "{\"customer_name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertThat(admin.post("/v1/customers", huge).status()).isEqualTo(413);
        Response exactNumbers = admin.post("/v1/customers", "{\"customer_name\": \"N\", \"custom_data\": {\"limit\": 1.10}}");
        assertThat(exactNumbers.raw().body()).contains("\"custom_data\":{\"limit\":1.10}");
        Response customDataTooLarge = admin.post("/v1/customers", json(body("customer_name", "A",
                "custom_data", body("blob", "y".repeat(17 * 1024)))));
        assertThat(customDataTooLarge.status()).isEqualTo(422);
        assertThat(admin.getAfter(exactNumbers, "/v1/customers?include_archived=true").json().get("data")).hasSize(1);
    }

    @Test
    void customDataNumbersTheReadModelCannotStoreAreRefusedAndTheRestReachIt() {
        Client admin = newOrganization("custom-data-numbers");
        Response tooLarge = admin.post("/v1/customers", "{\"customer_name\": \"N\", \"custom_data\": {\"x\": 1e999999999}}");
        assertThat(tooLarge.status()).isEqualTo(422);
        assertThat(tooLarge.json().get("errors").get(0).get("code").asString()).isEqualTo("number_out_of_range");

        Response nul = admin.post("/v1/customers", "{\"customer_name\": \"N\", \"custom_data\": {\"x\": \"\\u0000\"}}");
        assertThat(nul.status()).isEqualTo(422);
        Response large = admin.post("/v1/customers", "{\"customer_name\": \"N\", \"custom_data\": {\"x\": 1e999}}");
        assertThat(large.status()).isEqualTo(201);
        Response read = admin.getAfter(large, "/v1/customers/" + large.text("id"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.raw().body()).contains("\"custom_data\":{\"x\":1E+999}");
    }

    @Test
    void emailAndExternalIdAreUniquePerOrganizationUntilArchived() {
        Client admin = newOrganization("unique");
        Response first = admin.post("/v1/customers", json(body("customer_name", "First", "email", "a@x.example",
                "external_id", "ext-1")));
        assertThat(first.status()).isEqualTo(201);

        Response sameEmail = admin.post("/v1/customers", json(body("customer_name", "Second", "email", "A@X.EXAMPLE")));
        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.code()).isEqualTo("email_already_exists");
        Response sameExternalId = admin.post("/v1/customers", json(body("customer_name", "Third", "external_id", "ext-1")));
        assertThat(sameExternalId.code()).isEqualTo("external_id_already_exists");

        Client otherOrganization = newOrganization("unique-other");
        assertThat(otherOrganization.post("/v1/customers", json(body("customer_name", "Elsewhere",
                "email", "a@x.example", "external_id", "ext-1"))).status()).isEqualTo(201);

        String firstId = first.text("id");
        assertThat(admin.post("/v1/customers/" + firstId + "/archive", null).status()).isEqualTo(200);
        Response reuse = admin.post("/v1/customers", json(body("customer_name", "Reuse", "email", "a@x.example",
                "external_id", "ext-1")));
        assertThat(reuse.status()).isEqualTo(201);
        Response unarchive = admin.post("/v1/customers/" + firstId + "/unarchive", null);
        assertThat(unarchive.status()).isEqualTo(409);
        assertThat(unarchive.code()).isEqualTo("email_already_exists");
    }

    @Test
    void racingCreatesWithOneEmailGiveOneCustomer() throws Exception {
        Client admin = newOrganization("race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> creates = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "Racer " + i;
                creates.add(() -> admin.post("/v1/customers", json(body("customer_name", name, "email", "race@x.example"))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> response : pool.invokeAll(creates)) {
                statuses.add(response.get().status());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void patchChangesOnlyWhatItNamesAndANoOpPatchEmitsNothing() {
        Client admin = newOrganization("patch");
        Response created = admin.post("/v1/customers", FULL_CUSTOMER);
        String id = created.text("id");

        Response patched = admin.patch("/v1/customers/" + id, json(body("customer_name", "Acme Inc",
                "phone_number", null, "address", body("city", "Oakland"), "custom_data", body("exempt_tax", null))));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("customer_name")).isEqualTo("Acme Inc");
        assertThat(patched.json().get("phone_number").isNull()).isTrue();
        assertThat(patched.json().get("address").get("city").asString()).isEqualTo("Oakland");
        assertThat(patched.json().get("address").get("line1").asString()).isEqualTo("1 Market St");
        assertThat(patched.json().get("custom_data")).isEqualTo(JSON.readTree("{\"tier\":\"gold\"}"));
        assertThat(patched.json().get("tax_exempt").asBoolean()).isFalse();
        assertThat(patched.json().get("version").asLong()).isEqualTo(5);
        assertThat(admin.getAfter(patched, "/v1/customers/" + id).json()).isEqualTo(patched.json());

        Response noOp = admin.patch("/v1/customers/" + id, json(body("customer_name", "Acme Inc")));
        assertThat(noOp.status()).isEqualTo(200);
        assertThat(noOp.json().get("version").asLong()).isEqualTo(5);
        assertThat(noOp.header("Billfold-Position")).isEqualTo(patched.header("Billfold-Position"));

        Response readOnly = admin.patch("/v1/customers/" + id, json(body("version", 1)));
        assertThat(readOnly.status()).isEqualTo(422);
        Response invalid = admin.patch("/v1/customers/" + id, json(body("email", "nope")));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(admin.get("/v1/customers/" + id).json().get("version").asLong()).isEqualTo(5);
    }

    @Test
    void historyListsEveryChangeNewestFirstWithActorAndValues() {
        Client admin = newOrganization("history");
        Client writer = newKey(admin, "writer");
        Response created = writer.post("/v1/customers", json(body("customer_name", "Old name", "email", "h@x.example")));
        String id = created.text("id");
        Response renamed = writer.patch("/v1/customers/" + id, json(body("customer_name", "New name")));
        Response archived = writer.post("/v1/customers/" + id + "/archive", null);

        Response history = writer.getAfter(archived, "/v1/customers/" + id + "/history");
        assertThat(history.status()).isEqualTo(200);
        JsonNode entries = history.json().get("data");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).get("change").asString()).isEqualTo("customer_archived");
        JsonNode rename = entries.get(1);
        assertThat(rename.get("change").asString()).isEqualTo("customer_renamed");
        assertThat(rename.get("actor").get("name").asString()).isEqualTo("writer key");
        assertThat(rename.get("fields").get(0).get("old_value").asString()).isEqualTo("Old name");
        assertThat(rename.get("fields").get(0).get("new_value").asString()).isEqualTo("New name");
        assertThat(entries.get(2).get("change").asString()).isEqualTo("customer_created");
        assertThat(renamed.status()).isEqualTo(200);

        Response firstPage = writer.get("/v1/customers/" + id + "/history?limit=2");
        assertThat(firstPage.json().get("has_more").asBoolean()).isTrue();
        Response secondPage = writer.get("/v1/customers/" + id + "/history?limit=2&starting_after="
                + firstPage.text("next_cursor"));
        assertThat(secondPage.json().get("data")).hasSize(1);
        assertThat(secondPage.json().get("data").get(0).get("change").asString()).isEqualTo("customer_created");
    }

    @Test
    void listFiltersAndPaginates() {
        Client admin = newOrganization("list");
        Response alpha = admin.post("/v1/customers", json(body("customer_name", "Alpha GmbH", "email", "alpha@x.example",
                "external_id", "a-1", "address", body("country", "DEU"), "business_entity_id", "eu",
                "custom_data", body("segment", "enterprise", "exempt_tax", true))));
        Response beta = admin.post("/v1/customers", json(body("customer_name", "Beta Ltd", "email", "beta@x.example",
                "address", body("country", "GB"), "custom_data", body("segment", "smb"))));
        Response gamma = admin.post("/v1/customers", json(body("customer_name", "Gamma 100% Inc")));
        admin.post("/v1/customers/" + gamma.text("id") + "/archive", null);
        Response last = admin.post("/v1/customers", json(body("customer_name", "Delta")));

        assertThat(ids(admin.getAfter(last, "/v1/customers"))).containsExactly(last.text("id"), beta.text("id"),
                alpha.text("id"));
        assertThat(ids(admin.get("/v1/customers?include_archived=true"))).hasSize(4);
        assertThat(ids(admin.get("/v1/customers?email=ALPHA@x.example"))).containsExactly(alpha.text("id"));
        assertThat(ids(admin.get("/v1/customers?external_id=a-1"))).containsExactly(alpha.text("id"));
        assertThat(ids(admin.get("/v1/customers?q=bet"))).containsExactly(beta.text("id"));
        assertThat(ids(admin.get("/v1/customers?q=100%25&include_archived=true"))).containsExactly(gamma.text("id"));
        assertThat(ids(admin.get("/v1/customers?q=x.example"))).containsExactly(beta.text("id"), alpha.text("id"));
        assertThat(ids(admin.get("/v1/customers?country=DE"))).containsExactly(alpha.text("id"));
        assertThat(ids(admin.get("/v1/customers?country=GBR"))).containsExactly(beta.text("id"));
        assertThat(ids(admin.get("/v1/customers?tax_exempt=true"))).containsExactly(alpha.text("id"));
        assertThat(ids(admin.get("/v1/customers?business_entity_id=eu"))).containsExactly(alpha.text("id"));
        assertThat(ids(admin.get("/v1/customers?custom_data.segment=smb"))).containsExactly(beta.text("id"));
        assertThat(ids(admin.get("/v1/customers?created_after=2000-01-01T00:00:00Z&created_before="
                + alpha.text("created_at")))).isEmpty();

        Response page = admin.get("/v1/customers?limit=2");
        assertThat(ids(page)).containsExactly(last.text("id"), beta.text("id"));
        assertThat(page.json().get("has_more").asBoolean()).isTrue();
        Response next = admin.get("/v1/customers?limit=2&starting_after=" + page.text("next_cursor"));
        assertThat(ids(next)).containsExactly(alpha.text("id"));
        assertThat(next.json().get("has_more").asBoolean()).isFalse();

        assertThat(admin.get("/v1/customers?limit=0").status()).isEqualTo(422);
        assertThat(admin.get("/v1/customers?limit=101").status()).isEqualTo(422);
        assertThat(admin.get("/v1/customers?created_after=yesterday").status()).isEqualTo(422);
        assertThat(admin.get("/v1/customers?tax_exempt=maybe").status()).isEqualTo(422);
        assertThat(admin.get("/v1/customers?country=Narnia").status()).isEqualTo(422);
    }

    @Test
    void anotherOrganizationsCustomerDoesNotExist() {
        Client owner = newOrganization("owner");
        Client stranger = newOrganization("stranger");
        Response created = owner.post("/v1/customers", json(body("customer_name", "Private", "email", "p@x.example")));
        String id = created.text("id");
        owner.getAfter(created, "/v1/customers/" + id);

        assertThat(stranger.get("/v1/customers/" + id).status()).isEqualTo(404);
        assertThat(stranger.get("/v1/customers/" + id + "/history").status()).isEqualTo(404);
        assertThat(stranger.patch("/v1/customers/" + id, json(body("customer_name", "Mine"))).status()).isEqualTo(404);
        assertThat(stranger.post("/v1/customers/" + id + "/archive", null).status()).isEqualTo(404);
        assertThat(stranger.get("/v1/customers?email=p@x.example").json().get("data")).isEmpty();
        assertThat(owner.get("/v1/customers/" + id).text("customer_name")).isEqualTo("Private");
        assertThat(owner.get("/v1/customers/cus_doesnotexist").status()).isEqualTo(404);
        assertThat(owner.patch("/v1/customers/cus_doesnotexist", "{}").status()).isEqualTo(404);
    }


    private static List<String> fields(Response problem) {
        List<String> fields = new ArrayList<>();
        problem.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }
}
