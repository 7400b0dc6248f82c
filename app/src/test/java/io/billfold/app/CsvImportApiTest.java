package io.billfold.app;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CsvImportApiTest extends ApiTestSupport {

    private static final String IMPORTS = "/v1/customers/imports";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void templateHasTheCreateCallsColumnsAndAnExampleThatImports() {
        Client admin = newOrganization("import-template");
        Response template = admin.get(IMPORTS + "/template.csv");
        assertThat(template.status()).isEqualTo(200);
        assertThat(template.header("Content-Type")).startsWith("text/csv");
        String[] lines = template.raw().body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("customer_name,external_id,email,phone_number,"
                + "address_line1,address_line2,address_line3,address_city,address_state,address_zip_code,address_country,"
                + "ship_to_address_line1,ship_to_address_line2,ship_to_address_line3,ship_to_address_city,"
                + "ship_to_address_state,ship_to_address_zip_code,ship_to_address_country,"
                + "tax_country_code,tax_code,tax_id,custom_data,communications_enabled,auto_charge_enabled,"
                + "business_entity_id,parent_external_id");

        JsonNode done = runImport(admin, IMPORTS, template.raw().body());
        assertCounts(done, 1, 1, 0, 0, 0);
        JsonNode customer = onlyCustomer(admin, "crm-001");
        assertThat(customer.get("customer_name").asString()).isEqualTo("Acme Corporation");
        assertThat(customer.get("phone_number").asString()).isEqualTo("+14155550123");
        assertThat(customer.get("tax_info").get(0).get("tax_id").asString()).isEqualTo("123456789");
        assertThat(customer.get("custom_data").get("tier").asString()).isEqualTo("gold");
    }

    @Test
    void textCsvIsParsedWithQuotesLineBreaksBomCrlfAndHeadersInAnyCase() {
        Client admin = newOrganization("import-parsing");
        String csv = "\uFEFFCustomer_Name, EXTERNAL_ID ,Email,Address_Country,Custom_Data,Communications_Enabled\r\n"
                + "\"Smith, Jones & Co\",p-1,accounts@smith.example,FRA,\"{\"\"segment\"\": \"\"smb\"\"}\",FALSE\r\n"
                + "Multi Line Data,p-2,,,\"{\r\n  \"\"note\"\": \"\"a, b\"\"\r\n}\",\r\n"
                + "\"Quote \"\"Q\"\" Ltd\",p-3,,,,\r\n"
                + "\"Line one\r\nLine two\",p-4,,,,\r\n"
                + "\r\n";
        JsonNode done = runImport(admin, IMPORTS, csv);
        assertCounts(done, 4, 3, 0, 0, 1);
        // The line break is read into the name, which the customer's rules refuse (no control characters).
        assertThat(errors(done)).containsExactly(tuple(5, "customer_name", "invalid_value"));
        assertThat(done.get("dry_run").asBoolean()).isFalse();

        JsonNode smith = onlyCustomer(admin, "p-1");
        assertThat(smith.get("customer_name").asString()).isEqualTo("Smith, Jones & Co");
        assertThat(smith.get("email").asString()).isEqualTo("accounts@smith.example");
        assertThat(smith.get("address").get("country").asString()).isEqualTo("FR");
        assertThat(smith.get("custom_data").get("segment").asString()).isEqualTo("smb");
        assertThat(smith.get("communications_enabled").asBoolean()).isFalse();
        assertThat(onlyCustomer(admin, "p-2").get("custom_data").get("note").asString()).isEqualTo("a, b");
        assertThat(onlyCustomer(admin, "p-3").get("customer_name").asString()).isEqualTo("Quote \"Q\" Ltd");
    }

    @Test
    void multipartFileUploadImportsAndEventsCarryTheUploadersKey() {
        Client admin = newOrganization("import-multipart");
        Client writer = newKey(admin, "writer");
        String csv = "customer_name,external_id\nMulti Part,mp-1\n";
        String boundary = "billfold-test-boundary";
        byte[] body = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"customers.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        Response accepted = upload(writer, IMPORTS + "?on_conflict=fail", body, "multipart/form-data; boundary=" + boundary);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.text("status")).isEqualTo("queued");
        assertThat(accepted.header("Location")).isEqualTo(IMPORTS + "/" + accepted.text("id"));
        assertCounts(awaitDone(writer, accepted.text("id")), 1, 1, 0, 0, 0);

        String id = onlyCustomer(writer, "mp-1").get("id").asString();
        JsonNode history = writer.get("/v1/customers/" + id + "/history", "Billfold-Await-Position", head()).json();
        assertThat(history.get("data").get(0).get("actor").get("name").asString()).isEqualTo("writer key");

        Response noFile = upload(writer, IMPORTS, ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8),
                "multipart/form-data; boundary=" + boundary);
        assertThat(noFile.status()).isEqualTo(422);
    }

    @Test
    void badRowsAreListedWithRowFieldAndCodeAndDoNotStopTheImport() {
        Client admin = newOrganization("import-bad-rows");
        String csv = "customer_name,external_id,email,address_country,tax_code,tax_id,custom_data,auto_charge_enabled\n"
                + "Good One,b-1,,,,,,\n"
                + ",b-2,not-an-email,,,,,\n"
                + "Bad Country,b-3,,XX,,,,\n"
                + "Bad Tax,b-4,,,US_EIN,00-0000000,,\n"
                + "Bad Data,b-5,,,,,[1],\n"
                + "Bad Flag,b-6,,,,,,maybe\n"
                + "Too Many,b-7,,,,,,,extra\n"
                + "Good Two,b-8,,,,,,true\n";
        JsonNode done = runImport(admin, IMPORTS, csv);
        assertCounts(done, 8, 2, 0, 0, 6);
        assertThat(errors(done)).contains(
                tuple(3, "customer_name", "required"),
                tuple(3, "email", "invalid_email"),
                tuple(4, "address_country", "invalid_country"),
                tuple(5, "tax_id", "invalid_tax_id"),
                tuple(6, "custom_data", "not_an_object"),
                tuple(7, "auto_charge_enabled", "invalid_type"),
                tuple(8, null, "too_many_values"));
        assertThat(onlyCustomer(admin, "b-8").get("auto_charge_enabled").asBoolean()).isTrue();
    }

    @Test
    void unknownColumnsAreReportedNotSilentlyDropped() {
        Client admin = newOrganization("import-unknown-column");
        JsonNode done = runImport(admin, IMPORTS, "customer_name,external_id,favourite_colour\nColourful,u-1,blue\n");
        assertCounts(done, 1, 1, 0, 0, 0);
        assertThat(errors(done)).containsExactly(tuple(1, "favourite_colour", "unknown_column"));
    }

    @Test
    void dryRunValidatesEveryRowAndCreatesNothing() {
        Client admin = newOrganization("import-dry-run");
        assertThat(admin.post("/v1/customers", json(body("customer_name", "Existing", "external_id", "d-0",
                "email", "taken@d.example"))).status()).isEqualTo(201);
        String csv = "customer_name,external_id,email,parent_external_id\n"
                + "Child First,d-2,,d-1\n"
                + "Parent,d-1,p@d.example,\n"
                + "Same Email,d-3,P@D.example,\n"
                + "Same Id,d-1,,\n"
                + "Taken Email,d-4,taken@d.example,\n"
                + "Invalid,d-5,nope,\n"
                + "Orphan,d-6,,d-404\n";
        JsonNode dry = runImport(admin, IMPORTS + "?dry_run=true&on_conflict=fail", csv);
        assertThat(dry.get("dry_run").asBoolean()).isTrue();
        assertCounts(dry, 7, 2, 0, 0, 5);
        assertThat(errors(dry)).containsExactlyInAnyOrder(
                tuple(4, "email", "duplicate_in_file"),
                tuple(5, "external_id", "duplicate_in_file"),
                tuple(6, "email", "email_already_exists"),
                tuple(7, "email", "invalid_email"),
                tuple(8, "parent_external_id", "parent_not_found"));

        // Nothing was kept: the same file applied for real creates what the dry run said it would.
        JsonNode real = runImport(admin, IMPORTS + "?on_conflict=fail", csv);
        assertCounts(real, 7, 2, 0, 0, 5);
        assertThat(errors(real)).isEqualTo(errors(dry));
        JsonNode parent = onlyCustomer(admin, "d-1");
        assertThat(onlyCustomer(admin, "d-2").get("parent_customer_id").asString()).isEqualTo(parent.get("id").asString());
    }

    @Test
    void onConflictSkipsUpdatesOrFailsRowsOfExistingCustomers() {
        Client admin = newOrganization("import-conflicts");
        Response existing = admin.post("/v1/customers", json(body("customer_name", "Old Name", "external_id", "c-1",
                "email", "old@c.example", "address", body("city", "Lyon", "country", "FR"))));
        Response byEmail = admin.post("/v1/customers", json(body("customer_name", "By Email", "email", "mail@c.example")));
        String csv = "customer_name,external_id,email,address_city,custom_data\n"
                + "New Name,c-1,,Paris,\"{\"\"tier\"\": \"\"gold\"\"}\"\n"
                + "Renamed By Email,,MAIL@c.example,,\n"
                + "Fresh,c-2,,,\n";

        JsonNode skipped = runImport(admin, IMPORTS + "?on_conflict=skip", csv);
        assertCounts(skipped, 3, 1, 0, 2, 0);

        JsonNode failed = runImport(admin, IMPORTS + "?on_conflict=fail", csv);
        assertCounts(failed, 3, 0, 0, 0, 3);
        assertThat(errors(failed)).containsExactly(tuple(2, "external_id", "external_id_already_exists"),
                tuple(3, "email", "email_already_exists"), tuple(4, "external_id", "external_id_already_exists"));

        JsonNode updated = runImport(admin, IMPORTS + "?on_conflict=update", csv);
        assertCounts(updated, 3, 0, 3, 0, 0);
        JsonNode customer = admin.get("/v1/customers/" + existing.text("id"), "Billfold-Await-Position", head()).json();
        assertThat(customer.get("customer_name").asString()).isEqualTo("New Name");
        assertThat(customer.get("email").asString()).isEqualTo("old@c.example");
        assertThat(customer.get("address").get("city").asString()).isEqualTo("Paris");
        assertThat(customer.get("address").get("country").asString()).isEqualTo("FR");
        assertThat(customer.get("custom_data").get("tier").asString()).isEqualTo("gold");
        assertThat(admin.get("/v1/customers/" + byEmail.text("id")).json().get("customer_name").asString())
                .isEqualTo("Renamed By Email");
    }

    @Test
    void uploadingTheSameFileAgainWithSkipCreatesNothingNew() {
        Client admin = newOrganization("import-reupload");
        String csv = "customer_name,external_id,email\n" + IntStream.rangeClosed(1, 30)
                .mapToObj(i -> "Customer " + i + ",r-" + i + ",r" + i + "@r.example\n").collect(Collectors.joining());
        assertCounts(runImport(admin, IMPORTS, csv), 30, 30, 0, 0, 0);
        assertCounts(runImport(admin, IMPORTS + "?on_conflict=skip", csv), 30, 0, 0, 30, 0);
        Response all = admin.get("/v1/customers?limit=100", "Billfold-Await-Position", head());
        assertThat(ids(all)).hasSize(30);
    }

    @Test
    void aRowRejectedAfterItsClaimsWereWrittenKeepsNothingAndItsChunkGoesOn() {
        Client admin = newOrganization("import-late-rejection");
        int maxLevels = 5;
        String parent = admin.post("/v1/customers", json(body("customer_name", "Level 1", "external_id", "l-level-1")))
                .text("id");
        for (int level = 2; level <= maxLevels; level++) {
            Response created = admin.post("/v1/customers", json(body("customer_name", "Level " + level,
                    "external_id", "l-level-" + level, "parent_customer_id", parent)));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            parent = created.text("id");
        }
        // The second row's email and external_id are claimed before its hierarchy is found too deep: the rejection
        // comes after a write, so the chunk is applied again with each row in its own savepoint.
        String csv = "customer_name,external_id,email,parent_external_id\n"
                + "Before,l-1,before@l.example,\n"
                + "Too Deep,l-2,late@l.example,l-level-" + maxLevels + "\n"
                + "After,l-3,after@l.example,\n";
        JsonNode done = runImport(admin, IMPORTS + "?on_conflict=fail", csv);
        assertCounts(done, 3, 2, 0, 0, 1);
        assertThat(errors(done)).containsExactly(tuple(3, "parent_external_id", "hierarchy_too_deep"));
        assertThat(onlyCustomer(admin, "l-1").get("email").asString()).isEqualTo("before@l.example");
        assertThat(onlyCustomer(admin, "l-3").get("email").asString()).isEqualTo("after@l.example");
        assertThat(admin.post("/v1/customers", json(body("customer_name", "Claims Free", "external_id", "l-2",
                "email", "late@l.example"))).status()).isEqualTo(201);
    }

    @Test
    void parentsMayComeLaterInTheFileAndDuplicatesInsideTheFileAreRejected() {
        Client admin = newOrganization("import-hierarchy");
        String csv = "customer_name,external_id,email,parent_external_id\n"
                + "Grandchild,h-3,,h-2\n"
                + "Child,h-2,,h-1\n"
                + "Root,h-1,root@h.example,\n"
                + "Root Again,h-1,,\n"
                + "Root Mail,h-4,ROOT@h.example,\n"
                + "Under Failed,h-5,,h-6\n"
                + "Failed Parent,h-6,bad-email,\n";
        JsonNode done = runImport(admin, IMPORTS, csv);
        assertCounts(done, 7, 3, 0, 0, 4);
        assertThat(errors(done)).containsExactly(
                tuple(5, "external_id", "duplicate_in_file"),
                tuple(6, "email", "duplicate_in_file"),
                tuple(7, "parent_external_id", "parent_not_found"),
                tuple(8, "email", "invalid_email"));
        String root = onlyCustomer(admin, "h-1").get("id").asString();
        String child = onlyCustomer(admin, "h-2").get("id").asString();
        assertThat(onlyCustomer(admin, "h-2").get("parent_customer_id").asString()).isEqualTo(root);
        assertThat(onlyCustomer(admin, "h-3").get("parent_customer_id").asString()).isEqualTo(child);
        assertThat(onlyCustomer(admin, "h-1").get("customer_name").asString()).isEqualTo("Root");
    }

    @Test
    void filesThatAreNotCustomerCsvAreRefusedWhole() {
        Client admin = newOrganization("import-malformed");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', (byte) 0xff};
        assertRefused(upload(admin, IMPORTS, png, "text/csv"), "file", "invalid_encoding");
        assertRefused(upload(admin, IMPORTS, "customer_name,external_id\nNul\0Name,x\n".getBytes(StandardCharsets.UTF_8),
                "text/csv"), "file", "binary_content");
        assertRefused(admin.send("POST", IMPORTS, "customer_name;external_id;email\nSemi;s-1;s@x.example\n", "text/csv"),
                "customer_name", "missing_column");
        assertRefused(admin.send("POST", IMPORTS, "Acme Corporation,crm-001,billing@acme.example\n", "text/csv"),
                "customer_name", "missing_column");
        assertRefused(admin.send("POST", IMPORTS, "customer_name,external_id\n\"Unterminated,x-1\n", "text/csv"),
                "file", "malformed_csv");
        assertRefused(admin.send("POST", IMPORTS, "", "text/csv"), "file", "empty_file");
        assertRefused(admin.send("POST", IMPORTS, "customer_name,Customer_Name\nA,B\n", "text/csv"),
                "customer_name", "duplicate_column");
        assertRefused(admin.send("POST", IMPORTS + "?on_conflict=merge", "customer_name\nA\n", "text/csv"),
                "on_conflict", "invalid_value");
        assertThat(admin.send("POST", IMPORTS, "{}", "application/json").status()).isEqualTo(415);
        assertThat(jdbc.queryForObject("select count(*) from customer_import where organization_id = ?", Integer.class,
                admin.organizationId())).isZero();
    }

    @Test
    void filesOverTheLimitAre413AndLeaveNothingBehind() {
        Client admin = newOrganization("import-too-large");
        byte[] large = largeCsv(IMPORT_MAX_BYTES + 1);
        String declared = rejectedUpload(admin, "text/csv", large, false);
        assertThat(declared).startsWith("HTTP/1.1 413").contains("payload_too_large");
        assertThat(rejectedUpload(admin, "text/csv", large, true)).startsWith("HTTP/1.1 413");

        ByteArrayOutputStream multipart = new ByteArrayOutputStream();
        multipart.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        multipart.writeBytes(large);
        multipart.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(rejectedUpload(admin, "multipart/form-data; boundary=b", multipart.toByteArray(), false))
                .startsWith("HTTP/1.1 413").contains("payload_too_large");

        assertThat(jdbc.queryForObject("select count(*) from customer_import where organization_id = ?", Integer.class,
                admin.organizationId())).isZero();
        byte[] justFits = largeCsv(IMPORT_MAX_BYTES - 200);
        assertThat(upload(admin, IMPORTS + "?dry_run=true", justFits, "text/csv").status()).isEqualTo(202);
    }

    @Test
    void importsBelongToTheirOrganizationAndFollowRoles() {
        Client admin = newOrganization("import-owner");
        Client reader = newKey(admin, "reader");
        Client stranger = newOrganization("import-stranger");
        Response accepted = admin.send("POST", IMPORTS, "customer_name\nMine\n", "text/csv");
        String id = accepted.text("id");
        awaitDone(admin, id);

        assertThat(reader.get(IMPORTS + "/" + id).status()).isEqualTo(200);
        assertThat(reader.get(IMPORTS + "/template.csv").status()).isEqualTo(200);
        assertThat(reader.send("POST", IMPORTS, "customer_name\nNot allowed\n", "text/csv").status()).isEqualTo(403);
        Response foreign = stranger.get(IMPORTS + "/" + id);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("import_not_found");
        assertThat(client(null).send("POST", IMPORTS, "customer_name\nAnonymous\n", "text/csv").status()).isEqualTo(401);
    }

    /**
     * A node died in the middle of an import: two rows were committed (their customers exist, the counters say so),
     * two are pending, and the lease has run out. Another node (here: this one's next poll) resumes it.
     */
    @Test
    void anImportLeftRunningByADeadNodeResumesWithoutApplyingARowTwice() {
        Client admin = newOrganization("import-resume");
        for (int i = 1; i <= 2; i++) {
            assertThat(admin.post("/v1/customers", json(body("customer_name", "Done " + i, "external_id", "z-" + i)))
                    .status()).isEqualTo(201);
        }
        String id = "imp_resume" + System.nanoTime();
        jdbc.update("""
                insert into customer_import (import_id, organization_id, actor_id, actor_name, actor_role, request_id,
                    status, dry_run, on_conflict, columns, total_rows, processed_rows, created, lease_owner, lease_expires_at)
                values (?, ?, 'key_dead', 'dead node key', 'admin', 'req_dead', 'running', false, 'fail',
                        '{customer_name,external_id}', 4, 2, 2, 'node-dead', now() - interval '1 minute')
                """, id, admin.organizationId());
        for (int i = 1; i <= 4; i++) {
            jdbc.update("""
                    insert into customer_import_row (import_id, row_number, cells, external_id, state, outcome)
                    values (?, ?, ?::text[], ?, ?, ?)
                    """, id, i + 1, "{\"Row " + i + "\",z-" + i + "}", "z-" + i, i <= 2 ? "done" : "pending",
                    i <= 2 ? "created" : null);
        }

        JsonNode done = awaitDone(admin, id);
        assertCounts(done, 4, 4, 0, 0, 0);
        assertThat(done.get("errors")).isEmpty();
        for (int i = 1; i <= 4; i++) {
            onlyCustomer(admin, "z-" + i);
        }
        assertThat(onlyCustomer(admin, "z-1").get("customer_name").asString()).isEqualTo("Done 1");
        assertThat(onlyCustomer(admin, "z-3").get("customer_name").asString()).isEqualTo("Row 3");
    }

    private JsonNode runImport(Client client, String path, String csv) {
        Response accepted = client.send("POST", path, csv, "text/csv");
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        return awaitDone(client, accepted.text("id"));
    }

    private JsonNode awaitDone(Client client, String importId) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            Response status = client.get(IMPORTS + "/" + importId);
            assertThat(status.status()).isEqualTo(200);
            String state = status.text("status");
            if (state.equals("succeeded") || state.equals("failed")) {
                assertThat(state).as(status.raw().body()).isEqualTo("succeeded");
                assertThat(status.json().get("processed_rows").asInt()).isEqualTo(status.json().get("total_rows").asInt());
                return status.json();
            }
            assertThat(Instant.now()).as("import %s still %s", importId, state).isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void assertCounts(JsonNode status, int total, int created, int updated, int skipped, int failed) {
        assertThat(List.of(status.get("total_rows").asInt(), status.get("created").asInt(), status.get("updated").asInt(),
                status.get("skipped").asInt(), status.get("failed_rows").asInt()))
                .as(status.toString()).containsExactly(total, created, updated, skipped, failed);
    }

    private static List<org.assertj.core.groups.Tuple> errors(JsonNode status) {
        List<org.assertj.core.groups.Tuple> errors = new ArrayList<>();
        status.get("errors").forEach(error -> errors.add(tuple(error.get("row").isNull() ? null : error.get("row").asInt(),
                error.get("field").isNull() ? null : error.get("field").asString(), error.get("code").asString())));
        return errors;
    }

    private static void assertRefused(Response response, String field, String code) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(422);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(response.json().get("errors").get(0).get("code").asString()).isEqualTo(code);
    }

    /** The one customer with this external_id, read after every event committed so far. */
    private JsonNode onlyCustomer(Client client, String externalId) {
        Response list = client.get("/v1/customers?external_id=" + externalId, "Billfold-Await-Position", head());
        assertThat(list.json().get("data")).as(externalId).hasSize(1);
        return list.json().get("data").get(0);
    }

    private String head() {
        return String.valueOf(jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry",
                Long.class));
    }

    private static byte[] largeCsv(int size) {
        StringBuilder csv = new StringBuilder("customer_name,external_id\n");
        for (int i = 0; csv.length() < size; i++) {
            csv.append("Large Customer Number ").append(i).append(",large-").append(i).append('\n');
        }
        csv.setLength(size - 1);
        csv.append('\n');
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends an upload over a plain socket and returns what the server answered. The server answers 413 as soon as the
     * limit is passed and may close the connection before the whole body is sent; java.net.http reads no response
     * before it has written the whole request, so under load it waits out its timeout instead (seen in CI).
     */
    private String rejectedUpload(Client client, String contentType, byte[] body, boolean chunked) {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            String head = "POST " + IMPORTS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + client.apiKey()
                    + "\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n"
                    + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length) + "\r\n\r\n";
            Thread writer = new Thread(() -> {
                try {
                    var out = socket.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    if (chunked) {
                        out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(body);
                    }
                    out.flush();
                } catch (IOException closedByServer) {
                    // The server stopped reading once it had answered: what it answered is read below.
                }
            });
            writer.start();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read; (read = socket.getInputStream().read(buffer)) >= 0; ) {
                    response.write(buffer, 0, read);
                }
            } catch (java.net.SocketException resetAfterAnswer) {
                // A reset after the answer (the server dropped the unread rest of the body) ends the exchange too.
            }
            writer.join();
            return response.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response upload(Client client, String path, byte[] body, String contentType) {
        return send(client, HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private Response send(Client client, HttpRequest.Builder request) {
        request.header("Authorization", "Bearer " + client.apiKey()).timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
