package io.billfold.webhooks;

import io.billfold.platform.background.WakeableLoop;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends due deliveries, on every node. A loop claims deliveries for this node, leased in PostgreSQL so that no other
 * node sends them meanwhile, and keeps them ready per endpoint; at most {@code concurrency-per-endpoint} of one endpoint
 * (one while its latest attempt failed) and {@code max-concurrent} in all are in flight, so a slow or dead receiver
 * holds only its own slots. They are handed to OkHttp's dispatcher, whose threads wait for the receivers: this loop
 * never does, and command handling never waits for a delivery. When an
 * answer comes, the next ready delivery of its endpoint goes at once, without a database round in between: the loop
 * records the outcomes that ended since its last round and claims more in one transaction, off the path of the
 * requests, so its statements are shared by however many deliveries ended meanwhile. A ready delivery is sent only
 * while its lease outlasts the timeout; otherwise it is released for any node to claim again.
 * <p>
 * A request is the event's JSON as the feed serves it, with the Standard Webhooks headers; it must be answered 2xx
 * within {@code timeout}. Redirects are not followed (they count as failures), the answer's body is kept up to
 * {@code response-body-limit} bytes, and the host is checked against the private-network rule when it is resolved
 * ({@link UrlPolicy#dns()}; an address given literally is checked before the request). Each outcome is recorded only
 * while this node still holds the delivery's lease; a failure is retried after {@link RetrySchedule}'s delay.
 */
@Component
class WebhookSender extends WakeableLoop {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final DeliveryStore deliveries;
    private final PublishedEvents events;
    private final SecretBox secrets;
    private final UrlPolicy urls;
    private final WebhookSettings settings;
    private final RetrySchedule retries;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final OkHttpClient http;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    /** Claimed deliveries waiting for a slot of their endpoint, and how many are in flight: guarded by this. */
    private final Map<String, Deque<Ready>> ready = new HashMap<>();
    private final Map<String, Integer> inFlight = new HashMap<>();
    /** Endpoints whose latest attempt from this node failed: one delivery in flight each until one succeeds. */
    private final Set<String> failing = new HashSet<>();
    private int totalHeld;
    private int totalInFlight;
    /** Every delivery this node holds a lease of until its outcome is recorded or its lease released. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Queue<DeliveryStore.Attempt> ended = new ConcurrentLinkedQueue<>();
    private final Queue<String> unsent = new ConcurrentLinkedQueue<>();

    /** A claimed delivery with its body, leased until {@code leaseUntil}. */
    private record Ready(DeliveryStore.Claimed delivery, String body, Instant leaseUntil) {
    }

    WebhookSender(DeliveryStore deliveries, PublishedEvents events, SecretBox secrets, UrlPolicy urls,
                  WebhookSettings settings, Clock clock, PlatformTransactionManager transactions) {
        super("webhook-sender");
        this.deliveries = deliveries;
        this.events = events;
        this.secrets = secrets;
        this.urls = urls;
        this.settings = settings;
        this.retries = new RetrySchedule(settings);
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactions);
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(settings.maxConcurrent());
        dispatcher.setMaxRequestsPerHost(settings.maxConcurrent());
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                // OkHttp keeps 5 idle connections by default: with more deliveries in flight to one endpoint, most
                // answers closed their connection and the next request opened one (a tenth of the sending threads'
                // time in the webhooks bench went to connecting).
                .connectionPool(new ConnectionPool(settings.maxConcurrent(), 5, TimeUnit.MINUTES))
                .dns(urls.dns())
                .callTimeout(settings.timeout())
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }

    /** Look for due deliveries once the current transaction has committed what made one due. */
    void wakeUpAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeUp();
                }
            });
        } else {
            wakeUp();
        }
    }

    /** Stops sending; the leases of deliveries still waiting for a slot are released for the other nodes. */
    @Override
    public void stop() {
        super.stop();
        List<String> waiting = new ArrayList<>();
        synchronized (this) {
            ready.values().forEach(queue -> queue.forEach(item -> waiting.add(item.delivery().deliveryId())));
            ready.clear();
        }
        http.dispatcher().executorService().shutdown();
        try {
            transactions.executeWithoutResult(status -> deliveries.release(node, waiting));
        } catch (RuntimeException e) {
            log.warn("Could not release {} webhook deliveries at stop; other nodes send them when their leases run out:"
                    + " {}", waiting.size(), e.getMessage());
        }
    }

    @Override
    protected Duration step() {
        List<DeliveryStore.Attempt> outcomes;
        List<Ready> claimed;
        do {
            outcomes = drain(ended);
            claimed = recordAndClaim(outcomes, drain(unsent));
            hold(claimed);
        } while (running() && !(claimed.isEmpty() && outcomes.isEmpty()));
        return settings.pollInterval();
    }

    private static <T> List<T> drain(Queue<T> queue) {
        List<T> drained = new ArrayList<>();
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            drained.add(item);
        }
        return drained;
    }

    /**
     * Records the attempts that ended since the last round, releases the deliveries not sent, and claims what this
     * node has room for, in one transaction. With a transaction per outcome on the path between an answer and the
     * next request, the webhooks bench carried 155 deliveries/s (docs/performance.md).
     */
    private List<Ready> recordAndClaim(List<DeliveryStore.Attempt> outcomes, List<String> released) {
        int limit = settings.maxConcurrent() + settings.maxReady();
        int perEndpoint = settings.concurrencyPerEndpoint() + settings.readyPerEndpoint();
        Map<String, Integer> busy = new HashMap<>();
        int room;
        synchronized (this) {
            room = limit - totalHeld;
            inFlight.forEach((endpoint, count) -> busy.merge(endpoint, count, Integer::sum));
            ready.forEach((endpoint, queue) -> busy.merge(endpoint, queue.size(), Integer::sum));
        }
        if (outcomes.isEmpty() && released.isEmpty() && room <= 0) {
            return List.of();
        }
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(settings.lease());
        List<DeliveryStore.Claimed> claimed;
        try {
            claimed = transactions.execute(status -> {
                record(outcomes);
                deliveries.release(node, released);
                return room <= 0 ? List.<DeliveryStore.Claimed>of()
                        : deliveries.claim(node, now, leaseUntil, room, perEndpoint, busy, List.copyOf(held));
            });
        } catch (RuntimeException e) {
            if (!outcomes.isEmpty()) {
                log.warn("Could not record the outcome of {} webhook deliveries; they are tried again when their leases"
                        + " run out: {}", outcomes.size(), e.getMessage());
            }
            throw e;
        } finally {
            outcomes.forEach(attempt -> held.remove(attempt.delivery().deliveryId()));
            released.forEach(held::remove);
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        // Held only once their bodies are read: if that fails, the leases run out and any node claims them again.
        Map<Long, String> bodies = events.bodies(claimed.stream().map(DeliveryStore.Claimed::eventPosition).toList());
        claimed.forEach(delivery -> held.add(delivery.deliveryId()));
        return claimed.stream().map(delivery -> new Ready(delivery, bodies.get(delivery.eventPosition()), leaseUntil))
                .toList();
    }

    private void record(List<DeliveryStore.Attempt> outcomes) {
        Set<String> recorded = deliveries.record(node, outcomes);
        Map<String, List<EndpointHealth.Ended>> byEndpoint = new HashMap<>();
        for (DeliveryStore.Attempt attempt : outcomes) {
            if (recorded.contains(attempt.delivery().deliveryId())) {
                byEndpoint.computeIfAbsent(attempt.delivery().endpointId(), id -> new ArrayList<>())
                        .add(new EndpointHealth.Ended(attempt.outcome().delivered(), attempt.at()));
            }
        }
        byEndpoint.forEach((endpointId, attempts) -> {
            if (deliveries.endpointHealth(endpointId, EndpointHealth.of(attempts), settings.disableAfter())) {
                log.warn("Webhook endpoint {} disabled: every delivery failed for {}", endpointId,
                        settings.disableAfter());
                releaseReady(endpointId);
            }
        });
    }

    /** The endpoint's deliveries waiting for a slot are not sent: their leases are released in the next round. */
    private void releaseReady(String endpointId) {
        synchronized (this) {
            Deque<Ready> queue = ready.remove(endpointId);
            if (queue != null) {
                queue.forEach(item -> unsent.add(item.delivery().deliveryId()));
                totalHeld -= queue.size();
            }
        }
    }

    /** Keeps claimed deliveries ready for their endpoints, and sends what their free slots allow. */
    private void hold(List<Ready> claimed) {
        Set<String> endpoints = new HashSet<>();
        synchronized (this) {
            for (Ready item : claimed) {
                ready.computeIfAbsent(item.delivery().endpointId(), id -> new ArrayDeque<>()).add(item);
                endpoints.add(item.delivery().endpointId());
                totalHeld++;
            }
        }
        endpoints.forEach(this::sendNext);
    }

    /**
     * Sends what free slots allow for every endpoint with deliveries ready: a slot freed by one endpoint may be the
     * node's last free one ({@code max-concurrent}) that another endpoint's ready deliveries were waiting for.
     */
    private void sendReady() {
        List<String> waiting;
        synchronized (this) {
            waiting = List.copyOf(ready.keySet());
        }
        waiting.forEach(this::sendNext);
    }

    /**
     * Sends the endpoint's ready deliveries its free slots allow: {@code concurrency-per-endpoint}, or one while the
     * endpoint's latest attempt failed, so that a receiver that is down or times out holds one of the node's
     * {@code max-concurrent} slots and not a share of them. One whose lease would run out before a timed-out answer is
     * released instead: a lease must never end while its delivery is in flight, or another node would send it too.
     */
    private void sendNext(String endpointId) {
        List<Ready> toSend = new ArrayList<>();
        Instant latestStart = clock.instant().plus(settings.timeout()).plus(settings.timeout());
        synchronized (this) {
            Deque<Ready> queue = ready.get(endpointId);
            int slots = failing.contains(endpointId) ? 1 : settings.concurrencyPerEndpoint();
            while (queue != null && !queue.isEmpty() && totalInFlight < settings.maxConcurrent()
                    && inFlight.getOrDefault(endpointId, 0) < slots) {
                Ready item = queue.poll();
                if (item.leaseUntil().isBefore(latestStart)) {
                    totalHeld--;
                    unsent.add(item.delivery().deliveryId());
                    continue;
                }
                inFlight.merge(endpointId, 1, Integer::sum);
                totalInFlight++;
                toSend.add(item);
            }
            if (queue != null && queue.isEmpty()) {
                ready.remove(endpointId);
            }
        }
        toSend.forEach(this::send);
        if (!unsent.isEmpty()) {
            wakeUp();
        }
    }

    private void send(Ready item) {
        DeliveryStore.Claimed delivery = item.delivery();
        HttpUrl url = HttpUrl.parse(delivery.url());
        String refusal = url == null ? "the URL cannot be parsed"
                : item.body() == null ? "the event is no longer in the feed"
                : urls.refusal(url).orElse(null);
        if (refusal != null) {
            finish(delivery, new DeliveryStore.Outcome(false, 0, null, refusal));
            return;
        }
        Request request;
        try {
            request = request(delivery, url, item.body().getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException unreadableSecret) {
            finish(delivery, new DeliveryStore.Outcome(false, 0, null, unreadableSecret.getMessage()));
            return;
        }
        http.newCall(request).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    String answer = answer(response);
                    finish(delivery, new DeliveryStore.Outcome(response.isSuccessful(), response.code(), answer,
                            response.isSuccessful() ? null : "answered " + response.code()));
                }
            }

            @Override
            public void onFailure(Call call, IOException e) {
                finish(delivery, new DeliveryStore.Outcome(false, 0, null, describe(e)));
            }
        });
    }

    private Request request(DeliveryStore.Claimed delivery, HttpUrl url, byte[] body) {
        Instant now = clock.instant();
        List<byte[]> keys = new ArrayList<>();
        keys.add(secrets.open(delivery.endpointId(), delivery.secret()));
        if (delivery.previousSecret() != null && delivery.previousUntil() != null
                && now.isBefore(delivery.previousUntil())) {
            keys.add(secrets.open(delivery.endpointId(), delivery.previousSecret()));
        }
        long timestamp = now.getEpochSecond();
        return new Request.Builder().url(url)
                .header("webhook-id", delivery.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signatures.header(keys, delivery.eventId(), timestamp, body))
                .header("User-Agent", "Billfold-Webhooks/1")
                .post(RequestBody.create(body, JSON))
                .build();
    }

    /** The first bytes of the receiver's answer (null when none could be read in time). */
    private String answer(Response response) {
        try {
            return response.peekBody(settings.responseBodyLimit()).string();
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(IOException e) {
        if (e instanceof UrlPolicy.RefusedAddressException) {
            return e.getMessage();
        }
        if (e instanceof InterruptedIOException) {
            return "no complete answer within the timeout";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * Hands an attempt's outcome to the loop, which records it in its next round, and gives its slot to the next ready
     * delivery of the endpoint at once.
     */
    private void finish(DeliveryStore.Claimed delivery, DeliveryStore.Outcome outcome) {
        Instant at = clock.instant();
        int attempts = delivery.attempts() + 1;
        Instant next = outcome.delivered() || attempts >= settings.maxAttempts() ? null
                : at.plus(retries.delayAfter(attempts));
        ended.add(new DeliveryStore.Attempt(delivery, outcome, at, next));
        synchronized (this) {
            if (outcome.delivered()) {
                failing.remove(delivery.endpointId());
            } else {
                failing.add(delivery.endpointId());
            }
            inFlight.merge(delivery.endpointId(), -1, Integer::sum);
            inFlight.remove(delivery.endpointId(), 0);
            totalInFlight--;
            totalHeld--;
        }
        sendReady();
        wakeUp();
    }
}
