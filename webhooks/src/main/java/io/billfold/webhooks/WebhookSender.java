package io.billfold.webhooks;

import io.billfold.platform.background.WakeableLoop;
import okhttp3.Call;
import okhttp3.Callback;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due deliveries, on every node. A loop claims what this node has room for (at most
 * {@code concurrency-per-endpoint} in flight to one endpoint, {@code max-concurrent} in all, so a slow or dead receiver
 * holds only its own slots), leased in PostgreSQL so that no other node sends the same delivery meanwhile, and hands
 * each to OkHttp asynchronously: no thread waits for a receiver, and command handling never waits for a delivery.
 * <p>
 * A request is the event's JSON as the feed serves it, with the Standard Webhooks headers; it must be answered 2xx
 * within {@code timeout}. Redirects are not followed (they count as failures), the answer's body is kept up to
 * {@code response-body-limit} bytes, and the host is checked against the private-network rule when it is resolved
 * ({@link UrlPolicy#dns()}; an address given literally is checked before the request). Each outcome is recorded only
 * while this node still holds the lease; a failure is retried after {@link RetrySchedule}'s delay.
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
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger totalInFlight = new AtomicInteger();
    private final Set<String> sending = ConcurrentHashMap.newKeySet();

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

    @Override
    public void stop() {
        super.stop();
        http.dispatcher().executorService().shutdown();
    }

    @Override
    protected Duration step() {
        List<DeliveryStore.Claimed> claimed;
        do {
            claimed = claim();
            send(claimed);
        } while (running() && !claimed.isEmpty());
        return settings.pollInterval();
    }

    private List<DeliveryStore.Claimed> claim() {
        int room = settings.maxConcurrent() - totalInFlight.get();
        if (room <= 0) {
            return List.of();
        }
        Map<String, Integer> busy = new HashMap<>();
        inFlight.forEach((endpoint, count) -> busy.put(endpoint, count.get()));
        Instant now = clock.instant();
        List<DeliveryStore.Claimed> claimed = transactions.execute(status -> deliveries.claim(node, now,
                now.plus(settings.lease()), room, settings.concurrencyPerEndpoint(), busy, List.copyOf(sending)));
        for (DeliveryStore.Claimed delivery : claimed) {
            sending.add(delivery.deliveryId());
            inFlight.computeIfAbsent(delivery.endpointId(), id -> new AtomicInteger()).incrementAndGet();
            totalInFlight.incrementAndGet();
        }
        return claimed;
    }

    private void send(List<DeliveryStore.Claimed> claimed) {
        if (claimed.isEmpty()) {
            return;
        }
        Map<Long, String> bodies = events.bodies(claimed.stream().map(DeliveryStore.Claimed::eventPosition).toList());
        for (DeliveryStore.Claimed delivery : claimed) {
            String body = bodies.get(delivery.eventPosition());
            HttpUrl url = HttpUrl.parse(delivery.url());
            String refusal = url == null ? "the URL cannot be parsed"
                    : body == null ? "the event is no longer in the feed"
                    : urls.refusal(url).orElse(null);
            if (refusal != null) {
                finish(delivery, new DeliveryStore.Outcome(false, 0, null, refusal));
                continue;
            }
            Request request;
            try {
                request = request(delivery, url, body.getBytes(StandardCharsets.UTF_8));
            } catch (IllegalStateException unreadableSecret) {
                finish(delivery, new DeliveryStore.Outcome(false, 0, null, unreadableSecret.getMessage()));
                continue;
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

    /** Records an attempt's outcome and frees its slot. */
    private void finish(DeliveryStore.Claimed delivery, DeliveryStore.Outcome outcome) {
        try {
            Instant at = clock.instant();
            int attempts = delivery.attempts() + 1;
            Instant next = outcome.delivered() || attempts >= settings.maxAttempts() ? null
                    : at.plus(retries.delayAfter(attempts));
            transactions.executeWithoutResult(status -> {
                if (!deliveries.record(delivery.deliveryId(), node, outcome, at, next)) {
                    return;
                }
                if (outcome.delivered()) {
                    deliveries.endpointSucceeded(delivery.endpointId());
                } else if (deliveries.endpointFailed(delivery.endpointId(), at, at.minus(settings.disableAfter()))) {
                    log.warn("Webhook endpoint {} disabled: every delivery failed for {}", delivery.endpointId(),
                            settings.disableAfter());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not record the outcome of webhook delivery {}; it is tried again when its lease runs out: {}",
                    delivery.deliveryId(), e.getMessage());
        } finally {
            sending.remove(delivery.deliveryId());
            inFlight.get(delivery.endpointId()).decrementAndGet();
            totalInFlight.decrementAndGet();
            wakeUp();
        }
    }
}
