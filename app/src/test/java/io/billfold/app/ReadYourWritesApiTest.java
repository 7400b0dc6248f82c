package io.billfold.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadYourWritesApiTest extends ApiTestSupport {

    @Test
    void everyWriteIsVisibleToTheReadThatAwaitsItsPosition() {
        Client admin = newOrganization("ryw");
        for (int i = 0; i < 10; i++) {
            Response created = admin.post("/v1/customers", json(body("customer_name", "Reader " + i)));
            Response read = admin.getAfter(created, "/v1/customers/" + created.text("id"));
            assertThat(read.status()).isEqualTo(200);
            Response renamed = admin.patch("/v1/customers/" + created.text("id"), json(body("customer_name", "Renamed " + i)));
            assertThat(admin.getAfter(renamed, "/v1/customers/" + created.text("id")).text("customer_name"))
                    .isEqualTo("Renamed " + i);
        }
    }

    @Test
    void aPositionNotReachedInTimeIsNotCaughtUp() {
        Response late = newOrganization("ryw-late").get("/v1/customers", "Billfold-Await-Position", "999999999999");
        assertThat(late.status()).isEqualTo(503);
        assertThat(late.code()).isEqualTo("not_caught_up");
    }

    @Test
    void aMalformedPositionIsRefused() {
        Response malformed = newOrganization("ryw-bad").get("/v1/customers", "Billfold-Await-Position", "soon");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().get("errors").get(0).get("field").asString()).isEqualTo("Billfold-Await-Position");
    }

    @Test
    void theRequestIdIsEchoedAndGeneratedWhenMissing() {
        Client admin = newOrganization("request-id");
        assertThat(admin.get("/v1/customers", "X-Request-Id", "trace-123").header("X-Request-Id")).isEqualTo("trace-123");
        assertThat(admin.get("/v1/customers").header("X-Request-Id")).startsWith("req_");
        Response problem = admin.get("/v1/customers/cus_missing", "X-Request-Id", "trace-456");
        assertThat(problem.text("request_id")).isEqualTo("trace-456");
    }
}
