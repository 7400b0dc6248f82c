package io.billfold.app;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's sign-in over HTTP: the key is exchanged for a session whose cookie scripts cannot read and other
 * sites cannot use, the session is the key's very caller (role, organization, actor), and it ends with the key, with
 * sign-out, after its idle time and at its maximum age. Also the headers browsers get and who sees health details.
 */
class ConsoleSessionApiTest extends ApiTestSupport {

    private static final String CSRF = "X-Billfold-Console";

    @Autowired
    JdbcTemplate jdbc;

    /** Signs in and answers the session cookie ("billfold_session=<token>"). */
    private String signIn(String key) {
        Response response = client(null).post("/console/session", json(Map.of("api_key", key)), CSRF, "1");
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        String setCookie = response.header("Set-Cookie");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private Response withSession(String cookie, String method, String path, String body, String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "Cookie";
        all[1] = cookie;
        all[2] = CSRF;
        all[3] = "1";
        System.arraycopy(headers, 0, all, 4, headers.length);
        return client(null).send(method, path, body, "application/json", all);
    }

    @Test
    void signInSetsAnHttpOnlyStrictCookieAndTheSessionIsTheKeysCaller() {
        Client admin = newOrganization("session caller");
        Response response = client(null).post("/console/session", json(Map.of("api_key", admin.apiKey())), CSRF, "1");
        assertThat(response.status()).isEqualTo(201);
        String setCookie = response.header("Set-Cookie");
        assertThat(setCookie).startsWith("billfold_session=").contains("Path=/", "HttpOnly", "SameSite=Strict",
                "Max-Age=43200").doesNotContain("Secure").doesNotContain(admin.apiKey());
        assertThat(response.text("role")).isEqualTo("admin");
        assertThat(response.text("organization_id")).isEqualTo(admin.organizationId());
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        Response created = withSession(cookie, "POST", "/v1/customers", json(body("customer_name", "By session")));
        assertThat(created.status()).isEqualTo(201);
        Response history = withSession(cookie, "GET", "/v1/customers/" + created.text("id") + "/history", null,
                "Billfold-Await-Position", created.header("Billfold-Position"));
        assertThat(history.json().get("data").get(0).get("actor").get("name").asString()).isEqualTo("admin");
        assertThat(withSession(cookie, "GET", "/console/session", null).text("key_name")).isEqualTo("admin");

        // Only a digest of the token is stored, with the key's id.
        String token = cookie.substring(cookie.indexOf('=') + 1);
        List<Map<String, Object>> rows = jdbc.queryForList("select * from browser_session where api_key_id is not null"
                + " and api_key_id in (select id from api_key where organization_id = ?)", admin.organizationId());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).values().stream().map(String::valueOf)).noneMatch(value -> value.contains(token));
        assertThat((byte[]) rows.get(0).get("token_digest")).isNotEqualTo(token.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCookieCountsOnlyWithTheConsoleHeaderAndFromTheSameSite() {
        Client admin = newOrganization("session csrf");
        String cookie = signIn(admin.apiKey());
        assertThat(client(null).get("/v1/customers", "Cookie", cookie).status()).isEqualTo(401);
        assertThat(client(null).post("/v1/customers", json(body("customer_name", "x")), "Cookie", cookie).status())
                .isEqualTo(401);
        assertThat(withSession(cookie, "GET", "/v1/customers", null, "Origin", "https://evil.example").status())
                .isEqualTo(401);
        assertThat(withSession(cookie, "GET", "/v1/customers", null, "Sec-Fetch-Site", "cross-site").status())
                .isEqualTo(401);
        assertThat(withSession(cookie, "GET", "/v1/customers", null, "Origin", "http://localhost:" + port,
                "Sec-Fetch-Site", "same-origin").status()).isEqualTo(200);
        assertThat(client(null).post("/console/session", json(Map.of("api_key", admin.apiKey()))).status())
                .isEqualTo(403);
        assertThat(client(null).post("/console/session", json(Map.of("api_key", "nope")), CSRF, "1").status())
                .isEqualTo(401);
        assertThat(client(null).post("/console/session", "{}", CSRF, "1").status()).isEqualTo(422);
    }

    @Test
    void rolesApplyUnchangedAndTheOperatorSessionSeesOnlyOperatorEndpoints() {
        Client admin = newOrganization("session roles");
        String reader = signIn(newKey(admin, "reader").apiKey());
        assertThat(withSession(reader, "GET", "/v1/customers", null).status()).isEqualTo(200);
        Response refused = withSession(reader, "POST", "/v1/customers", json(body("customer_name", "x")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(withSession(reader, "GET", "/v1/api-keys", null).status()).isEqualTo(403);

        String operator = signIn(OPERATOR_KEY);
        assertThat(withSession(operator, "GET", "/console/session", null).json().get("operator").asBoolean()).isTrue();
        assertThat(withSession(operator, "GET", "/v1/admin/projections", null).status()).isEqualTo(200);
        assertThat(withSession(operator, "GET", "/v1/customers", null).status()).isEqualTo(403);
    }

    @Test
    void revokingTheKeySigningOutIdlenessAndAgeEndTheSession() {
        Client admin = newOrganization("session end");
        Client writer = newKey(admin, "writer");
        Response keys = admin.get("/v1/api-keys");
        String writerKeyId = null;
        for (var key : keys.json().get("data")) {
            if (key.get("role").asString().equals("writer")) {
                writerKeyId = key.get("id").asString();
            }
        }
        String revoked = signIn(writer.apiKey());
        assertThat(withSession(revoked, "GET", "/v1/customers", null).status()).isEqualTo(200);
        assertThat(admin.delete("/v1/api-keys/" + writerKeyId).status()).isEqualTo(204);
        assertThat(withSession(revoked, "GET", "/v1/customers", null).status()).isEqualTo(401);

        String signedOut = signIn(admin.apiKey());
        Response out = withSession(signedOut, "DELETE", "/console/session", null);
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie")).contains("billfold_session=;", "Max-Age=0");
        assertThat(withSession(signedOut, "GET", "/v1/customers", null).status()).isEqualTo(401);

        // A session in use stays open: each request (at most once a minute) moves its idle deadline.
        String used = signIn(admin.apiKey());
        String usedDigest = "sha256(convert_to('" + used.substring(used.indexOf('=') + 1) + "', 'UTF8'))";
        jdbc.update("update browser_session set last_used_at = now() - interval '29 minutes' where token_digest = "
                + usedDigest);
        assertThat(withSession(used, "GET", "/v1/customers", null).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select last_used_at > now() - interval '1 minute' from browser_session"
                + " where token_digest = " + usedDigest, Boolean.class)).isTrue();

        String idle = signIn(admin.apiKey());
        jdbc.update("update browser_session set last_used_at = now() - interval '31 minutes' where token_digest = "
                + "sha256(convert_to(?, 'UTF8'))", idle.substring(idle.indexOf('=') + 1));
        assertThat(withSession(idle, "GET", "/v1/customers", null).status()).isEqualTo(401);

        String old = signIn(admin.apiKey());
        jdbc.update("update browser_session set expires_at = now() - interval '1 second' where token_digest = "
                + "sha256(convert_to(?, 'UTF8'))", old.substring(old.indexOf('=') + 1));
        assertThat(withSession(old, "GET", "/v1/customers", null).status()).isEqualTo(401);

        String operator = signIn(OPERATOR_KEY);
        jdbc.update("update browser_session set operator_check = sha256('another operator key') where token_digest = "
                + "sha256(convert_to(?, 'UTF8'))", operator.substring(operator.indexOf('=') + 1));
        assertThat(withSession(operator, "GET", "/v1/admin/projections", null).status()).isEqualTo(401);
    }

    @Test
    void browsersAreToldToRunOnlyTheAppsScriptsNeverFrameItAndNeverStoreData() {
        Client admin = newOrganization("headers");
        Response page = client(null).get("/console/customers");
        assertThat(page.status()).isEqualTo(200);
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.raw().body()).doesNotContain("<script>").doesNotContain("onclick=").doesNotContain("http://")
                .doesNotContain("https://");

        Response api = admin.get("/v1/customers");
        assertThat(api.header("Cache-Control")).isEqualTo("no-store");
        assertThat(api.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        Response problem = client(null).get("/v1/customers");
        assertThat(problem.header("Cache-Control")).isEqualTo("no-store");

        Response script = client(null).get("/console/assets/js/main.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(script.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(client(null).get("/console/vendor/uplot/1.6.30/dist/uPlot.esm.js").status()).isEqualTo(200);
        assertThat(client(null).get("/console/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void healthShowsItsDetailsToTheOperatorOnly() {
        Response anyone = client(null).get("/actuator/health");
        assertThat(anyone.status()).isEqualTo(200);
        assertThat(anyone.text("status")).isEqualTo("UP");
        assertThat(anyone.json().has("components")).isFalse();
        assertThat(anyone.raw().body()).doesNotContain("diskSpace").doesNotContain("segment");
        Response admin = newOrganization("health").get("/actuator/health");
        assertThat(admin.json().has("components")).isFalse();
        Response operator = operator().get("/actuator/health");
        assertThat(operator.json().get("components").has("diskSpace")).isTrue();
        assertThat(client(null).get("/actuator/health/readiness").text("status")).isEqualTo("UP");
        assertThat(client(null).get("/actuator/health/liveness").text("status")).isEqualTo("UP");
        assertThat(client(null).get("/actuator/health/readiness").json().has("components")).isFalse();
    }
}
