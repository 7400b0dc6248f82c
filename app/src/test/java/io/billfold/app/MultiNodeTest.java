package io.billfold.app;

import io.billfold.app.ApiTestSupport.Client;
import io.billfold.app.ApiTestSupport.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.billfold.app.ApiTestSupport.body;
import static io.billfold.app.ApiTestSupport.json;
import static io.billfold.app.ApiTestSupport.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The split deployment for real: two command nodes and two query nodes, each its own JVM running the packaged jar,
 * on one PostgreSQL. Commands race across both command nodes; both query nodes must show the same, exact state; the
 * query nodes share the projections' segments and one takes over all of them when the other is killed; both query
 * nodes send webhooks, and never the same delivery at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeTest {

    private static final String OPERATOR_KEY = "multi-node-operator-key";
    private static final String ADMIN_KEY = "multi-node-admin-key";
    private static final List<String> PROJECTIONS = List.of("customers", "wallets", "events");
    private static final int SEGMENTS = 2;
    /** Generous: four JVMs start at once on a small machine that may be busy with other work. */
    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Path LOGS = Path.of("target", "multi-node");

    private static EmbeddedPostgres postgres;
    private static final List<Node> nodes = new ArrayList<>();
    private static Node command1;
    private static Node command2;
    private static Node query1;
    private static Node query2;
    private static Client admin;

    /** One child JVM and where its output goes. */
    private record Node(String name, int port, Process process, Path log) {
        Client client(Client of) {
            return of.at(port);
        }

        /** Axon's node id, the owner of the segments this node claims. */
        String owner() {
            return process.pid() + "@";
        }

        String tail() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    /** Prints the end of every node's log when a test fails: what the nodes did is the evidence. */
    @RegisterExtension
    static final TestWatcher LOG_TAILS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            printTails();
        }
    };

    @BeforeAll
    static void startNodes() throws Exception {
        Path commandJar = Path.of("..", "command-side", "target", "billfold-command.jar");
        Path queryJar = Path.of("..", "query-side", "target", "billfold-query.jar");
        assertThat(commandJar).as("package the command side first (./mvnw verify)").isRegularFile();
        assertThat(queryJar).as("package the query side first (./mvnw verify)").isRegularFile();
        Files.createDirectories(LOGS);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("billfold-multi-node-pg-"))
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("timezone", "UTC")
                .start();
        try {
            command1 = start("command-1", commandJar);
            command2 = start("command-2", commandJar);
            query1 = start("query-1", queryJar);
            query2 = start("query-2", queryJar);
            for (Node node : nodes) {
                awaitReady(node);
            }
            Client operator = new Client(command1.port(), OPERATOR_KEY, null);
            admin = ApiTestSupport.newOrganization(operator, "multi-node");
        } catch (Throwable failure) {
            printTails();
            throw failure;
        }
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (Node node : nodes) {
            node.process().destroyForcibly();
        }
        for (Node node : nodes) {
            node.process().waitFor(30, TimeUnit.SECONDS);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void theQueryNodesShareEachProjectionsSegmentsTwoAndTwo() {
        for (String projection : PROJECTIONS) {
            pollUntil(() -> owners(projection),
                    owners -> owners.size() == SEGMENTS
                            && count(owners, query1) == SEGMENTS / 2 && count(owners, query2) == SEGMENTS / 2,
                    SETTLE);
        }
        for (Node query : List.of(query1, query2)) {
            assertThat(sharing(query).get("nodes").asInt()).isEqualTo(2);
            Response status = new Client(query.port(), OPERATOR_KEY, null).get("/v1/admin/projections");
            assertThat(status.status()).isEqualTo(200);
            for (JsonNode projection : status.json().get("data")) {
                assertThat(projection.get("segments")).hasSize(SEGMENTS);
            }
        }
    }

    @Test
    @Order(2)
    void concurrentCreditsOnBothCommandNodesAllCountOnBothQueryNodes() throws Exception {
        String wallet = wallet(customer());
        List<Callable<Response>> credits = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < 40; i++) {
            Node node = i % 2 == 0 ? command1 : command2;
            String amount = "1." + String.format("%02d", i);
            sum = sum.add(new BigDecimal(amount));
            credits.add(() -> node.client(admin).post("/v1/wallets/" + wallet + "/credits",
                    json(body("amount", amount, "reason", "promotional"))));
        }
        List<Response> responses = all(credits);
        assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.raw().body())
                .isEqualTo(201));
        String position = latestPosition(responses);

        for (Node query : List.of(query1, query2)) {
            Response read = query.client(admin).get("/v1/wallets/" + wallet, "Billfold-Await-Position", position);
            assertThat(read.status()).isEqualTo(200);
            assertThat(new BigDecimal(read.text("balance"))).isEqualByComparingTo(sum);
            List<JsonNode> ledger = ledger(query, wallet, position);
            assertThat(ledger).hasSize(40);
            assertThat(ledger.stream().map(entry -> entry.get("id").asString()).distinct())
                    .containsExactlyInAnyOrderElementsOf(responses.stream().map(r -> r.text("id")).toList());
            assertThat(ledger.stream().map(entry -> entry.get("sequence").asLong()).sorted())
                    .containsExactlyElementsOf(sequence(2, 41));
        }
    }

    /**
     * Each command node keeps wallets in memory; a node must never decide on a balance the other node has changed
     * since. A debit on one node of what the other just credited fails with insufficient_funds if it does.
     */
    @Test
    @Order(3)
    void creditsAndDebitsAlternatingBetweenCommandNodesAlwaysSeeTheLatestBalance() {
        String wallet = wallet(customer());
        for (int i = 0; i < 25; i++) {
            Node crediting = i % 2 == 0 ? command1 : command2;
            Node debiting = i % 2 == 0 ? command2 : command1;
            Response credit = crediting.client(admin).post("/v1/wallets/" + wallet + "/credits",
                    json(body("amount", "3.00", "reason", "promotional")));
            assertThat(credit.status()).as(credit.raw().body()).isEqualTo(201);
            assertThat(credit.text("balance_after")).isEqualTo("3.00");
            Response debit = debiting.client(admin).post("/v1/wallets/" + wallet + "/debits",
                    json(body("amount", "3.00", "reason", "manual_deduction")));
            assertThat(debit.status()).as(debit.raw().body()).isEqualTo(201);
            assertThat(debit.text("balance_after")).isEqualTo("0.00");
        }
        Response stale = command1.client(admin).post("/v1/wallets/" + wallet + "/debits",
                json(body("amount", "0.01", "reason", "manual_deduction", "expected_version", 51)));
        assertThat(stale.status()).isEqualTo(422);
        assertThat(stale.code()).isEqualTo("insufficient_funds");
    }

    @Test
    @Order(3)
    void racingDebitsOnBothCommandNodesSucceedExactlyAsOftenAsTheBalanceAffords() throws Exception {
        String wallet = wallet(customer());
        Response funded = admin.post("/v1/wallets/" + wallet + "/credits",
                json(body("amount", "50.00", "reason", "prepayment")));
        assertThat(funded.status()).isEqualTo(201);
        List<Callable<Response>> debits = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Node node = i % 2 == 0 ? command1 : command2;
            debits.add(() -> node.client(admin).post("/v1/wallets/" + wallet + "/debits",
                    json(body("amount", "5.00", "reason", "manual_deduction"))));
        }
        List<Response> responses = all(debits);
        assertCreatedAndRefused(responses, 10, 422, "insufficient_funds");
        String position = latestPosition(responses);

        for (Node query : List.of(query1, query2)) {
            Response read = query.client(admin).get("/v1/wallets/" + wallet, "Billfold-Await-Position", position);
            assertThat(read.text("balance")).isEqualTo("0.00");
            List<JsonNode> ledger = ledger(query, wallet, position);
            assertThat(ledger).hasSize(11);
            assertThat(ledger).allSatisfy(entry ->
                    assertThat(new BigDecimal(entry.get("balance_after").asString())).isNotNegative());
            assertThat(ledger.stream().map(entry -> entry.get("sequence").asLong()).sorted())
                    .containsExactlyElementsOf(sequence(2, 12));
        }
    }

    @Test
    @Order(4)
    void oneEmailCreatedOnBothCommandNodesAtOnceGivesOneCustomer() throws Exception {
        List<Callable<Response>> creates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Node node = i % 2 == 0 ? command1 : command2;
            String name = "Racer " + i;
            creates.add(() -> node.client(admin).post("/v1/customers",
                    json(body("customer_name", name, "email", "race@multi-node.example"))));
        }
        List<Response> responses = all(creates);
        assertCreatedAndRefused(responses, 1, 409, "email_already_exists");
        Response created = responses.stream().filter(response -> response.status() == 201).findFirst().orElseThrow();
        for (Node query : List.of(query1, query2)) {
            Response found = query.client(admin).get("/v1/customers?email=race@multi-node.example",
                    "Billfold-Await-Position", created.header("Billfold-Position"));
            assertThat(ApiTestSupport.ids(found)).containsExactly(created.text("id"));
        }
    }

    @Test
    @Order(5)
    void twoNodesSendingWebhooksNeverDeliverOneEventTwiceAtTheSameTime() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // Slow answers keep deliveries in flight, so that a delivery claimed twice would overlap.
            receiver.delay(Duration.ofMillis(150));
            Response endpoint = query1.client(admin).post("/v1/webhook-endpoints",
                    json(body("url", receiver.url(), "event_types", List.of("wallet.transaction.created"))));
            assertThat(endpoint.status()).as(endpoint.raw().body()).isEqualTo(201);
            String wallet = wallet(customer());
            List<Callable<Response>> credits = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Node node = i % 2 == 0 ? command1 : command2;
                credits.add(() -> node.client(admin).post("/v1/wallets/" + wallet + "/credits",
                        json(body("amount", "1.00", "reason", "promotional"))));
            }
            assertThat(all(credits)).allSatisfy(response -> assertThat(response.status()).isEqualTo(201));
            pollUntil(() -> receiver.received().stream().map(WebhookReceiver.Received::id).distinct().count(),
                    count -> count == 60, SETTLE);
            Thread.sleep(1000);
            assertThat(receiver.overlapping()).isZero();
            assertThat(receiver.received()).hasSize(60);
            assertThat(query2.client(admin).get("/v1/webhook-endpoints/" + endpoint.text("id")
                    + "/deliveries?status=succeeded&limit=100").json().get("data")).hasSize(60);
        }
    }

    @Test
    @Order(6)
    void queryNodesWhoseDatabaseSessionsEndAnnounceThemselvesAgainAndKeepSharing() {
        List<Integer> before = presenceSessions();
        assertThat(before).hasSize(2);
        sql("select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objsubid = 2");
        pollUntil(MultiNodeTest::presenceSessions,
                sessions -> sessions.size() == 2 && sessions.stream().noneMatch(before::contains), SETTLE);
        for (Node query : List.of(query1, query2)) {
            JsonNode sharing = pollUntil(() -> sharing(query),
                    details -> details != null && details.path("nodes").asInt() == 2, SETTLE);
            assertThat(sharing.get("max_segments").get("wallets").asInt()).isEqualTo(SEGMENTS / 2);
        }
        for (String projection : PROJECTIONS) {
            Map<Integer, String> owners = owners(projection);
            assertThat(count(owners, query1)).isEqualTo(SEGMENTS / 2);
            assertThat(count(owners, query2)).isEqualTo(SEGMENTS / 2);
        }
    }

    @Test
    @Order(7)
    void whenAQueryNodeIsKilledTheOtherTakesOverEverySegment() throws Exception {
        String wallet = wallet(customer());
        query2.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long killed = System.nanoTime();

        Response credit = command2.client(admin).post("/v1/wallets/" + wallet + "/credits",
                json(body("amount", "7.00", "reason", "promotional")));
        assertThat(credit.status()).isEqualTo(201);
        Response read = pollUntil(() -> query1.client(admin).get("/v1/wallets/" + wallet,
                        "Billfold-Await-Position", credit.header("Billfold-Position")),
                response -> response.status() == 200, SETTLE);
        assertThat(read.text("balance")).isEqualTo("7.00");
        for (String projection : PROJECTIONS) {
            pollUntil(() -> owners(projection), owners -> count(owners, query1) == SEGMENTS, SETTLE);
        }
        System.out.printf("Query node failover: the survivor answered and held every segment %d ms after the kill%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
    }

    /** {@code created} of the racing requests succeeded (201); every other was refused with this status and code. */
    private static void assertCreatedAndRefused(List<Response> responses, int created, int status, String code) {
        assertThat(responses.stream().filter(response -> response.status() == 201)).hasSize(created);
        assertThat(responses.stream().filter(response -> response.status() != 201))
                .hasSize(responses.size() - created)
                .allSatisfy(response -> {
                    assertThat(response.status()).isEqualTo(status);
                    assertThat(response.code()).isEqualTo(code);
                });
    }

    private static Node start(String name, Path jar) throws IOException {
        int port = freePort();
        Path log = LOGS.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("BILLFOLD_DATA_DIR", LOGS.resolve(name + "-data").toString());
        env.put("BILLFOLD_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
        env.put("BILLFOLD_OPERATOR_KEY", OPERATOR_KEY);
        env.put("BILLFOLD_DB_POOL_SIZE", "10");
        env.put("BILLFOLD_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true");
        Node node = new Node(name, port, builder.start(), log);
        nodes.add(node);
        return node;
    }

    private static void awaitReady(Node node) {
        Client anonymous = new Client(node.port(), null, null);
        pollUntil(() -> {
            if (!node.process().isAlive()) {
                throw new AssertionError(node.name() + " exited with " + node.process().exitValue());
            }
            try {
                return anonymous.get("/actuator/health/readiness").status();
            } catch (UncheckedIOException notListeningYet) {
                return 0;
            }
        }, status -> status == 200, STARTUP);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs every call at once, half a dozen at a time, and answers their responses in order. */
    private static List<Response> all(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : pool.invokeAll(calls)) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String latestPosition(List<Response> responses) {
        return Long.toString(responses.stream().map(response -> response.header("Billfold-Position"))
                .filter(position -> position != null).mapToLong(Long::parseLong).max().orElseThrow());
    }

    private static String customer() {
        Response created = admin.post("/v1/customers", json(body("customer_name", "Multi-node customer")));
        assertThat(created.status()).isEqualTo(201);
        return created.text("id");
    }

    private static String wallet(String customer) {
        Response created = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "USD")));
        assertThat(created.status()).isEqualTo(201);
        return created.text("id");
    }

    /** A wallet's whole ledger as a query node shows it once it has caught up with {@code position}. */
    private static List<JsonNode> ledger(Node query, String wallet, String position) {
        Response page = query.client(admin).get("/v1/wallets/" + wallet + "/transactions?limit=100",
                "Billfold-Await-Position", position);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("next_cursor")).isNull();
        List<JsonNode> entries = new ArrayList<>();
        page.json().get("data").forEach(entries::add);
        return entries;
    }

    private static List<Long> sequence(long from, long to) {
        List<Long> sequence = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            sequence.add(i);
        }
        return sequence;
    }

    /** The owner of each segment of a projection, from the token store. */
    private static Map<Integer, String> owners(String projection) {
        Map<Integer, String> owners = new HashMap<>();
        sql("select segment, owner from token_entry where processor_name = '" + projection + "'",
                rows -> owners.put(rows.getInt(1), Optional.ofNullable(rows.getString(2)).orElse("(none)")));
        return owners;
    }

    private interface Row {
        void read(ResultSet rows) throws SQLException;
    }

    private static void sql(String query) {
        sql(query, rows -> { });
    }

    private static void sql(String query, Row row) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                row.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a query node reports of its part in sharing the segments ({@code /actuator/health}, operator only). */
    private static JsonNode sharing(Node query) {
        Response health = new Client(query.port(), OPERATOR_KEY, null).get("/actuator/health");
        return health.json() == null ? null : health.json().path("components").path("segmentSharing").get("details");
    }

    /** The database sessions of the query nodes' presence locks (the only two-key advisory locks Billfold takes). */
    private static List<Integer> presenceSessions() {
        List<Integer> sessions = new ArrayList<>();
        sql("select pid from pg_locks where locktype = 'advisory' and objsubid = 2 and granted order by pid",
                rows -> sessions.add(rows.getInt(1)));
        return sessions;
    }

    private static long count(Map<Integer, String> owners, Node node) {
        return owners.values().stream().filter(owner -> owner.startsWith(node.owner())).count();
    }

    private static void printTails() {
        for (Node node : nodes) {
            System.out.println("===== last lines of " + node.name() + " (" + node.log() + ") =====");
            System.out.println(node.tail());
        }
    }
}
