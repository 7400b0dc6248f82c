package io.billfold.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessApiTest extends ApiTestSupport {

    @Test
    void requestsWithoutAValidKeyAreUnauthorized() {
        Response missing = client(null).get("/v1/customers");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.code()).isEqualTo("unauthenticated");
        assertThat(client("bf_not-a-real-key").get("/v1/customers").status()).isEqualTo(401);
    }

    @Test
    void theKeyIsAcceptedAsBearerOrXApiKey() {
        Client admin = newOrganization("headers");
        Response viaHeader = client(null).get("/v1/customers", "X-API-Key", admin.apiKey());
        assertThat(viaHeader.status()).isEqualTo(200);
    }

    @Test
    void rolesLimitWhatAKeyMayDo() {
        Client admin = newOrganization("roles");
        Client writer = newKey(admin, "writer");
        Client reader = newKey(admin, "reader");

        assertThat(reader.get("/v1/customers").status()).isEqualTo(200);
        Response readerWrite = reader.post("/v1/customers", json(body("customer_name", "No")));
        assertThat(readerWrite.status()).isEqualTo(403);
        assertThat(readerWrite.code()).isEqualTo("forbidden");
        assertThat(writer.post("/v1/customers", json(body("customer_name", "Yes"))).status()).isEqualTo(201);
        assertThat(writer.post("/v1/api-keys", json(body("name", "x", "role", "reader"))).status()).isEqualTo(403);
        assertThat(writer.get("/v1/api-keys").status()).isEqualTo(403);
        assertThat(admin.get("/v1/api-keys").json().get("data")).hasSize(3);
        assertThat(admin.post("/v1/organizations", json(body("name", "nope"))).status()).isEqualTo(403);
        assertThat(operator().get("/v1/customers").status()).isEqualTo(403);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        Client admin = newOrganization("revoke");
        Response issued = admin.post("/v1/api-keys", json(body("name", "temporary", "role", "writer")));
        Client temporary = client(issued.text("api_key"));
        assertThat(temporary.get("/v1/customers").status()).isEqualTo(200);

        assertThat(admin.delete("/v1/api-keys/" + issued.text("id")).status()).isEqualTo(204);
        assertThat(temporary.get("/v1/customers").status()).isEqualTo(401);
        assertThat(admin.delete("/v1/api-keys/" + issued.text("id")).status()).isEqualTo(404);
        assertThat(newOrganization("revoke-other").delete("/v1/api-keys/" + issued.text("id")).status())
                .isEqualTo(404);
    }

    @Test
    void keyRequestsAreValidated() {
        Client admin = newOrganization("key-validation");
        Response badRole = admin.post("/v1/api-keys", json(body("name", "x", "role", "owner")));
        assertThat(badRole.status()).isEqualTo(422);
        assertThat(badRole.json().get("errors").get(0).get("field").asString()).isEqualTo("role");
        assertThat(operator().post("/v1/organizations", json(body("name", ""))).status()).isEqualTo(422);
        assertThat(admin.post("/v1/api-keys", json(body("name", "nul\u0000", "role", "reader"))).status()).isEqualTo(422);
        String emoji = "\uD83D\uDE00";
        Response emojiName = admin.post("/v1/api-keys", json(body("name", emoji.repeat(255), "role", "reader")));
        assertThat(emojiName.status()).isEqualTo(201);
        assertThat(emojiName.text("name")).isEqualTo(emoji.repeat(255));
        Response tooLong = admin.post("/v1/api-keys", json(body("name", emoji.repeat(256), "role", "reader")));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
    }

    @Test
    void bootstrapOrganizationUsesTheConfiguredAdminKey() {
        assertThat(client(BOOTSTRAP_ADMIN_KEY).get("/v1/api-keys").status()).isEqualTo(200);
    }

    @Test
    void operationsEndpointsAnswer() {
        Client anonymous = client(null);
        Response readiness = anonymous.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(200);
        Response openApi = anonymous.get("/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").has("/v1/customers")).isTrue();
        assertThat(openApi.json().get("paths").has("/error")).isFalse();
        assertThat(openApi.json().get("components").get("securitySchemes").has("bearer")).isTrue();
        assertThat(anonymous.get("/v1/nothing-here").status()).isEqualTo(401);
        Client admin = newOrganization("not-found");
        Response unknownPath = admin.get("/v1/nothing-here");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin.send("DELETE", "/v1/customers", null, "application/json").status()).isEqualTo(405);
    }
}
