package io.billfold.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A webhook receiver on the loopback (the JDK's HTTP server): records every request, answers as told (a queue of
 * statuses, then a default; optionally slowly; a given body or the request's own), and counts requests for the same
 * event that overlapped in time.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String id, String timestamp, String signature, String body) {
    }

    private final List<Received> received = new ArrayList<>();
    private final ConcurrentLinkedQueue<Integer> nextStatuses = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger overlapping = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile int defaultStatus = 200;
    private volatile Duration delay = Duration.ZERO;
    private volatile String answerBody = "ok";
    private volatile boolean echo;
    private HttpServer server;
    private final int port;

    WebhookReceiver() {
        this(0);
    }

    WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
        this.port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hooks";
    }

    int port() {
        return port;
    }

    void answer(int status) {
        defaultStatus = status;
    }

    void answerNext(int... statuses) {
        for (int status : statuses) {
            nextStatuses.add(status);
        }
    }

    void delay(Duration by) {
        delay = by;
    }

    void answerBody(String body) {
        answerBody = body;
    }

    /** Answers each request with its own body, as a receiver that quotes what it got. */
    void echo() {
        echo = true;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(Predicate<Received> which) {
        return received().stream().filter(which).toList();
    }

    /** Requests that arrived while another request for the same event was still being answered. */
    int overlapping() {
        return overlapping.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        AtomicInteger sameEvent = inFlight.computeIfAbsent(id == null ? "" : id, key -> new AtomicInteger());
        if (sameEvent.incrementAndGet() > 1) {
            overlapping.incrementAndGet();
        }
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (this) {
                received.add(new Received(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        new String(body, StandardCharsets.UTF_8)));
            }
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            Integer next = nextStatuses.poll();
            int status = next != null ? next : defaultStatus;
            byte[] answer = echo ? body : answerBody.getBytes(StandardCharsets.UTF_8);
            if (status / 100 == 3) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/elsewhere");
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientWentAway) {
            // the sender gave up (its timeout); nothing to answer
        } finally {
            sameEvent.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
