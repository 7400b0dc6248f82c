package io.billfold.app;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContactApiTest extends ApiTestSupport {

    @Test
    void contactsAreAddedChangedRemovedAndShownWithTheCustomer() {
        Client admin = newOrganization("contacts");
        String customerId = admin.post("/v1/customers", json(body("customer_name", "Acme",
                "address", body("country", "GB")))).text("id");

        Response added = admin.post("/v1/customers/" + customerId + "/contacts", json(body(
                "first_name", "Ada", "last_name", "Lovelace", "email", "ada@acme.example",
                "phone_number", "020 7946 0958", "label", "Finance",
                "communications", List.of("invoices", "statements", "invoices"), "delivery", "cc")));
        assertThat(added.status()).isEqualTo(201);
        String contactId = added.text("id");
        assertThat(added.header("Location")).isEqualTo("/v1/customers/" + customerId + "/contacts/" + contactId);
        assertThat(added.text("phone_number")).isEqualTo("+442079460958");
        assertThat(texts(added.json().get("communications"))).containsExactly("invoices", "statements");

        Response patched = admin.patch("/v1/customers/" + customerId + "/contacts/" + contactId,
                json(body("label", null, "delivery", "bcc")));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("label").isNull()).isTrue();
        assertThat(patched.text("delivery")).isEqualTo("bcc");

        Response listed = admin.getAfter(patched, "/v1/customers/" + customerId + "/contacts");
        assertThat(listed.json().get("data")).hasSize(1);
        assertThat(listed.json().get("data").get(0)).isEqualTo(patched.json());
        Response customer = admin.get("/v1/customers/" + customerId);
        assertThat(customer.json().get("contacts").get(0).get("email").asString()).isEqualTo("ada@acme.example");
        Response history = admin.get("/v1/customers/" + customerId + "/history");
        assertThat(history.json().get("data").get(0).get("change").asString()).isEqualTo("contact_updated");

        Response removed = admin.delete("/v1/customers/" + customerId + "/contacts/" + contactId);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(admin.getAfter(removed, "/v1/customers/" + customerId + "/contacts").json().get("data")).isEmpty();
        assertThat(admin.delete("/v1/customers/" + customerId + "/contacts/" + contactId).status()).isEqualTo(404);
    }

    @Test
    void contactRulesAreEnforced() {
        Client admin = newOrganization("contact-rules");
        String customerId = admin.post("/v1/customers", json(body("customer_name", "Rules"))).text("id");
        String contacts = "/v1/customers/" + customerId + "/contacts";

        Response noEmail = admin.post(contacts, json(body("first_name", "No")));
        assertThat(noEmail.status()).isEqualTo(422);
        Response unknownType = admin.post(contacts, json(body("email", "a@x.example", "communications", List.of("faxes"))));
        assertThat(unknownType.status()).isEqualTo(422);
        assertThat(unknownType.json().get("errors").get(0).get("code").asString()).isEqualTo("invalid_communication");
        assertThat(admin.post(contacts, json(body("email", "a@x.example", "delivery", "cc-all"))).status()).isEqualTo(422);

        assertThat(admin.post(contacts, json(body("email", "a@x.example"))).status()).isEqualTo(201);
        Response duplicate = admin.post(contacts, json(body("email", "A@X.example")));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("contact_email_exists");
        for (int i = 1; i < 50; i++) {
            assertThat(admin.post(contacts, json(body("email", "c" + i + "@x.example"))).status()).isEqualTo(201);
        }
        Response tooMany = admin.post(contacts, json(body("email", "c50@x.example")));
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.code()).isEqualTo("contact_limit_reached");
        assertThat(newOrganization("contact-stranger").post(contacts, json(body("email", "s@x.example"))).status())
                .isEqualTo(404);
        assertThat(admin.patch(contacts + "/con_missing", json(body("label", "x"))).status()).isEqualTo(404);
    }

    @Test
    void recipientsAreTheCustomerAndItsSubscribedContactsByRole() {
        Client admin = newOrganization("recipients");
        String customerId = admin.post("/v1/customers", json(body("customer_name", "Acme Billing",
                "email", "billing@acme.example"))).text("id");
        String contacts = "/v1/customers/" + customerId + "/contacts";
        admin.post(contacts, json(body("first_name", "Cc", "email", "cc@acme.example",
                "communications", List.of("invoices"), "delivery", "cc")));
        admin.post(contacts, json(body("email", "bcc@acme.example", "communications", List.of("invoices", "statements"),
                "delivery", "bcc")));
        Response last = admin.post(contacts, json(body("email", "alerts@acme.example",
                "communications", List.of("wallet_alerts"))));

        Response invoices = admin.getAfter(last, "/v1/customers/" + customerId + "/recipients?communication=invoices");
        assertThat(invoices.status()).isEqualTo(200);
        assertThat(emails(invoices.json().get("to"))).containsExactly("billing@acme.example");
        assertThat(emails(invoices.json().get("cc"))).containsExactly("cc@acme.example");
        assertThat(emails(invoices.json().get("bcc"))).containsExactly("bcc@acme.example");
        assertThat(invoices.json().get("cc").get(0).get("name").asString()).isEqualTo("Cc");
        Response walletAlerts = admin.get("/v1/customers/" + customerId + "/recipients?communication=wallet_alerts");
        assertThat(emails(walletAlerts.json().get("to"))).containsExactly("alerts@acme.example", "billing@acme.example");

        Response disabled = admin.patch("/v1/customers/" + customerId, json(body("communications_enabled", false)));
        Response none = admin.getAfter(disabled, "/v1/customers/" + customerId + "/recipients?communication=invoices");
        assertThat(none.json().get("to")).isEmpty();
        assertThat(none.json().get("cc")).isEmpty();
        assertThat(none.json().get("bcc")).isEmpty();

        assertThat(admin.get("/v1/customers/" + customerId + "/recipients?communication=faxes").status()).isEqualTo(422);
        assertThat(admin.get("/v1/customers/" + customerId + "/recipients").status()).isEqualTo(422);
        assertThat(newOrganization("recipients-stranger")
                .get("/v1/customers/" + customerId + "/recipients?communication=invoices").status()).isEqualTo(404);
    }

    private static List<String> emails(JsonNode recipients) {
        List<String> emails = new ArrayList<>();
        recipients.forEach(recipient -> emails.add(recipient.get("email").asString()));
        emails.sort(String::compareTo);
        return emails;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asString()));
        return texts;
    }
}
