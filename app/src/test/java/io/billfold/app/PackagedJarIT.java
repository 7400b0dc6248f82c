package io.billfold.app;

import static io.billfold.app.ApiTestSupport.body;
import static io.billfold.app.ApiTestSupport.json;
import static io.billfold.app.ApiTestSupport.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.billfold.app.ApiTestSupport.Client;
import io.billfold.app.ApiTestSupport.Response;
import io.billfold.platform.testing.TestDataDir;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * README's run command, as a user runs it: the repackaged {@code billfold.jar} in a JVM of its own, on its embedded
 * PostgreSQL. The tests run the modules' classes from the test class path, where a test-scoped dependency can hide one
 * the packaged application lacks (a jar missing at run time once passed every test); this runs after {@code package}
 * and goes through a command, a stored event and a read, so the jar's own class path is what answers.
 */
class PackagedJarIT {

    private static final String ADMIN_KEY = "packaged-jar-admin-key";

    private final Path dataDir = TestDataDir.create();
    private Process billfold;

    @AfterEach
    void stop() throws InterruptedException {
        if (billfold != null) {
            billfold.destroy();
            if (!billfold.waitFor(60, TimeUnit.SECONDS)) {
                billfold.destroyForcibly();
            }
        }
    }

    @Test
    void theRepackagedJarStartsOnItsEmbeddedDatabaseAndServesTheWalkthrough() throws IOException {
        int port = freePort();
        Path log = dataDir.resolve("billfold.log");
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", Path.of("target", "billfold.jar").toString(), "--server.port=" + port,
                "--billfold.data-dir=" + dataDir)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        command.environment().put("BILLFOLD_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
        billfold = command.start();
        Client admin = new Client(port, ADMIN_KEY, null);

        Response health = pollUntil(() -> healthOrExit(admin, log), response -> response != null && response.status() == 200,
                Duration.ofSeconds(180));
        assertThat(health.text("status")).isEqualTo("UP");

        Response created = admin.post("/v1/customers", json(body("customer_name", "Packaged Ltd",
                "email", "billing@packaged.example")), "Idempotency-Key", "packaged-jar-customer");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        Response read = admin.getAfter(created, "/v1/customers/" + created.text("id"));
        assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
        assertThat(read.text("email")).isEqualTo("billing@packaged.example");
    }

    /** Health once the process answers; fails at once, with its log, when the process has exited. */
    private Response healthOrExit(Client admin, Path log) {
        if (!billfold.isAlive()) {
            throw new AssertionError("billfold.jar exited with " + billfold.exitValue() + ":\n" + tail(log));
        }
        try {
            return admin.get("/actuator/health");
        } catch (UncheckedIOException notListeningYet) {
            return null;
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 8_000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
