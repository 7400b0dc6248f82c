package io.billfold.app;

import io.billfold.platform.testing.TestDataDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * End-to-end tests through HTTP against the whole application on an embedded PostgreSQL. Every test class that
 * extends this shares one application context (and one database) per test run.
 */
@SpringBootTest(classes = BillfoldApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({PoisonedProjectionHandler.class, TestClock.Config.class})
abstract class ApiTestSupport {

    static final String OPERATOR_KEY = "test-operator-key";
    static final String BOOTSTRAP_ADMIN_KEY = "test-bootstrap-admin-key";
    /** Small enough that a test can exceed it cheaply (production default: 50 MB). */
    static final int IMPORT_MAX_BYTES = 512 * 1024;
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DATA_DIR = TestDataDir.create();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void billfoldProperties(DynamicPropertyRegistry registry) {
        registry.add("billfold.data-dir", DATA_DIR::toString);
        registry.add("billfold.operator-key", () -> OPERATOR_KEY);
        registry.add("billfold.bootstrap-admin-key", () -> BOOTSTRAP_ADMIN_KEY);
        registry.add("billfold.imports.max-bytes", () -> IMPORT_MAX_BYTES);
        // Receivers listen on the loopback; a slow one is given up on after a second; due deliveries are looked for
        // every 100 ms. Back-off, rotation and disabling keep their real durations: tests move the clock.
        registry.add("billfold.webhooks.allow-private-networks", () -> "true");
        registry.add("billfold.webhooks.timeout", () -> "1s");
        registry.add("billfold.webhooks.poll-interval", () -> "100ms");
    }

    /** A response: status, headers and the body parsed as JSON (null when it is not JSON). */
    record Response(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String text(String field) {
            JsonNode value = json.get(field);
            return value == null || value.isNull() ? null : value.asString();
        }

        String code() {
            return text("code");
        }
    }

    /** A client of the API of the node at one port, with one API key. */
    static final class Client {
        private final int port;
        private final String apiKey;
        private final String organizationId;

        Client(int port, String apiKey, String organizationId) {
            this.port = port;
            this.apiKey = apiKey;
            this.organizationId = organizationId;
        }

        /** The same key at the node listening on another port. */
        Client at(int otherPort) {
            return new Client(otherPort, apiKey, organizationId);
        }

        String apiKey() {
            return apiKey;
        }

        String organizationId() {
            return organizationId;
        }

        Response get(String path, String... headers) {
            return send("GET", path, null, "application/json", headers);
        }

        Response post(String path, String body, String... headers) {
            return send("POST", path, body, "application/json", headers);
        }

        Response patch(String path, String body, String... headers) {
            return send("PATCH", path, body, "application/merge-patch+json", headers);
        }

        Response put(String path, String body, String... headers) {
            return send("PUT", path, body, "application/json", headers);
        }

        Response delete(String path, String... headers) {
            return send("DELETE", path, null, "application/json", headers);
        }

        Response send(String method, String path, String body, String contentType, String... headers) {
            return sendBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType,
                    headers);
        }

        /** Sends the body bytes as they are (they need not be UTF-8); no Content-Type header when it is null. */
        Response sendBytes(String method, String path, byte[] body, String contentType, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (body != null && contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            try {
                HttpRequest sent = request.build();
                HttpResponse<String> response = HTTP.send(sent, HttpResponse.BodyHandlers.ofString());
                ContractCheck.verify(method, sent.uri(), sent.headers(), body, response.statusCode(),
                        response.headers(), response.body());
                return new Response(response.statusCode(), response, parse(response.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Reads with {@code Billfold-Await-Position} set to the position a command answered with. */
        Response getAfter(Response command, String path) {
            return get(path, "Billfold-Await-Position", command.header("Billfold-Position"));
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    Client client(String apiKey) {
        return new Client(port, apiKey, null);
    }

    Client operator() {
        return client(OPERATOR_KEY);
    }

    /** A fresh organization, so that each test sees only its own customers; answers its admin client. */
    Client newOrganization(String name) {
        return newOrganization(operator(), name);
    }

    /** A fresh organization created by the operator, at the operator's node; answers its admin client. */
    static Client newOrganization(Client operator, String name) {
        Response created = operator.post("/v1/organizations", json(Map.of("name", name)));
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create an organization: " + created.raw().body());
        }
        return new Client(operator.port, created.text("admin_api_key"), created.text("id"));
    }

    Client newKey(Client admin, String role) {
        Response created = admin.post("/v1/api-keys", json(Map.of("name", role + " key", "role", role)));
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create an API key: " + created.raw().body());
        }
        return new Client(port, created.text("api_key"), admin.organizationId());
    }

    /** The ids of the items of a list response, in its order. */
    static List<String> ids(Response list) {
        List<String> ids = new ArrayList<>();
        list.json().get("data").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    /** Polls until the probe's answer satisfies {@code done}, or fails once the timeout has passed. */
    static <T> T pollUntil(Supplier<T> probe, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T answer = probe.get();
        while (!done.test(answer)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still not done after " + timeout + ": " + answer);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            answer = probe.get();
        }
        return answer;
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** A map literal that keeps its order and allows null values (for JSON bodies). */
    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
