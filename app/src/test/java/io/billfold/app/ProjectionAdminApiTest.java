package io.billfold.app;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionAdminApiTest extends ApiTestSupport {

    @Test
    void theOperatorSeesEveryProjectionCaughtUpWithTheHead() {
        Client admin = newOrganization("projections");
        Response created = admin.post("/v1/customers", json(body("customer_name", "Counted")));
        admin.getAfter(created, "/v1/customers/" + created.text("id"));

        Response listed = operator().get("/v1/admin/projections");
        assertThat(listed.status()).isEqualTo(200);
        Map<String, JsonNode> byName = new HashMap<>();
        listed.json().get("data").forEach(projection -> byName.put(projection.get("name").asString(), projection));
        assertThat(byName).containsKeys("customers", "wallets");
        JsonNode customers = byName.get("customers");
        assertThat(customers.get("status").asString()).isEqualTo("running");
        assertThat(customers.get("position").asLong())
                .isGreaterThanOrEqualTo(Long.parseLong(created.header("Billfold-Position")));
        assertThat(customers.get("head").asLong()).isGreaterThanOrEqualTo(customers.get("position").asLong());
        assertThat(customers.get("lag").asLong())
                .isEqualTo(customers.get("head").asLong() - customers.get("position").asLong());
        assertThat(customers.get("replaying").asBoolean()).isFalse();
        assertThat(customers.get("dead_letters").asLong()).isZero();

        assertThat(admin.get("/v1/admin/projections").status()).isEqualTo(403);
        assertThat(client(null).get("/v1/admin/projections").status()).isEqualTo(401);
    }
}
