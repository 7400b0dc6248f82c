package io.billfold.webhooks;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** How the sender shares its slots between and within endpoints, against a receiver on the loopback. */
class WebhookSenderTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    /** Requests to {@code /hold} wait for a permit before they are answered 204. */
    private final Semaphore holdReleases = new Semaphore(0);
    private final AtomicInteger holding = new AtomicInteger();
    private final AtomicInteger mostHeldAtOnce = new AtomicInteger();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private HttpServer receiver;
    private WebhookSender sender;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            received.add(path);
            clientPorts.add(exchange.getRemoteAddress().getPort());
            if (path.equals("/hold")) {
                mostHeldAtOnce.accumulateAndGet(holding.incrementAndGet(), Math::max);
                try {
                    holdReleases.tryAcquire(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                holding.decrementAndGet();
            }
            exchange.sendResponseHeaders(path.equals("/fail") ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        holdReleases.release(100);
        if (sender != null) {
            sender.stop();
        }
        receiver.stop(0);
    }

    /**
     * One delivery in flight per node in all: the second endpoint's ready delivery waits for the first endpoint's
     * answer, and then goes, although no new claim names its endpoint.
     */
    @Test
    void aSlotFreedByOneEndpointGoesToAnotherEndpointsReadyDelivery() throws Exception {
        WebhookSettings settings = settings(1, 1);
        SecretBox secrets = new SecretBox(new MasterKeySettings(""));
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        DeliveryStore deliveries = mock(DeliveryStore.class);
        when(deliveries.claim(any(), any(), any(), anyInt(), anyInt(), any(), any()))
                .thenReturn(List.of(claimed(secrets, "we_a", base + "/a", 1), claimed(secrets, "we_b", base + "/b", 2)))
                .thenReturn(List.of());
        when(deliveries.record(any(), any())).thenReturn(Set.of());
        PublishedEvents events = mock(PublishedEvents.class);
        when(events.bodies(any())).thenReturn(Map.of(1L, "{}", 2L, "{}"));
        sender = new WebhookSender(deliveries, events, secrets, new UrlPolicy(settings), settings, Clock.systemUTC(),
                mock(PlatformTransactionManager.class));

        sender.step();

        Instant deadline = Instant.now().plusSeconds(10);
        while (received.size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(received).containsExactlyInAnyOrder("/a", "/b");
    }

    /**
     * After an endpoint's attempt failed, its ready deliveries go one at a time, though it has four slots; the first
     * success gives it all four again.
     */
    @Test
    void anEndpointWhoseLatestAttemptFailedHasOneDeliveryInFlight() throws Exception {
        WebhookSettings settings = settings(4, 64);
        SecretBox secrets = new SecretBox(new MasterKeySettings(""));
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        AtomicBoolean failureRecorded = new AtomicBoolean();
        DeliveryStore deliveries = mock(DeliveryStore.class);
        when(deliveries.record(any(), any())).thenAnswer(call -> {
            List<DeliveryStore.Attempt> attempts = call.getArgument(1);
            attempts.forEach(attempt -> failureRecorded.compareAndSet(false, !attempt.outcome().delivered()));
            return Set.of();
        });
        AtomicInteger claims = new AtomicInteger();
        when(deliveries.claim(any(), any(), any(), anyInt(), anyInt(), any(), any())).thenAnswer(call -> {
            if (claims.get() == 0) {
                claims.incrementAndGet();
                return List.of(claimed(secrets, "we_a", base + "/fail", 1));
            }
            if (claims.get() == 1 && failureRecorded.get()) {
                claims.incrementAndGet();
                return List.of(claimed(secrets, "we_a", base + "/hold", 2), claimed(secrets, "we_a", base + "/hold", 3),
                        claimed(secrets, "we_a", base + "/hold", 4));
            }
            return List.of();
        });
        PublishedEvents events = mock(PublishedEvents.class);
        when(events.bodies(any())).thenReturn(Map.of(1L, "{}", 2L, "{}", 3L, "{}", 4L, "{}"));
        sender = new WebhookSender(deliveries, events, secrets, new UrlPolicy(settings), settings, Clock.systemUTC(),
                mock(PlatformTransactionManager.class));

        Instant deadline = Instant.now().plusSeconds(10);
        while (holding.get() == 0 && Instant.now().isBefore(deadline)) {
            sender.step();
            Thread.sleep(10);
        }
        assertThat(holding.get()).isOne();
        // The other two were ready when the first went: had they been let go, they would be here by now.
        Thread.sleep(300);
        assertThat(mostHeldAtOnce.get()).isOne();

        holdReleases.release();

        while (mostHeldAtOnce.get() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(mostHeldAtOnce.get()).isEqualTo(2);
    }

    /**
     * Connections to a receiver are kept for the next deliveries, as many as may be in flight: ten deliveries at once,
     * and then ten more, use ten connections. OkHttp's default pool keeps five, and the second ten opened five more.
     */
    @Test
    void theDeliveriesInFlightKeepTheirConnectionsForTheNextOnes() throws Exception {
        WebhookSettings settings = settings(10, 64);
        SecretBox secrets = new SecretBox(new MasterKeySettings(""));
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        AtomicReference<List<DeliveryStore.Claimed>> nextClaim = new AtomicReference<>(wave(secrets, base, 1));
        DeliveryStore deliveries = mock(DeliveryStore.class);
        when(deliveries.claim(any(), any(), any(), anyInt(), anyInt(), any(), any()))
                .thenAnswer(call -> nextClaim.getAndSet(List.of()));
        when(deliveries.record(any(), any())).thenReturn(Set.of());
        PublishedEvents events = mock(PublishedEvents.class);
        when(events.bodies(any())).thenAnswer(call -> {
            Collection<Long> positions = call.getArgument(0);
            return positions.stream().collect(Collectors.toMap(position -> position, position -> "{}"));
        });
        sender = new WebhookSender(deliveries, events, secrets, new UrlPolicy(settings), settings, Clock.systemUTC(),
                mock(PlatformTransactionManager.class));

        sender.step();
        awaitHolding(10);
        holdReleases.release(10);
        Instant deadline = Instant.now().plusSeconds(10);
        while (holding.get() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        // The answered connections go back to the pool, which closes the idle ones above its size at once.
        Thread.sleep(500);
        nextClaim.set(wave(secrets, base, 11));
        sender.step();
        awaitHolding(10);

        assertThat(clientPorts).hasSize(10);
    }

    private void awaitHolding(int requests) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (holding.get() < requests && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(holding.get()).isEqualTo(requests);
    }

    private static List<DeliveryStore.Claimed> wave(SecretBox secrets, String base, long firstPosition) {
        return LongStream.range(firstPosition, firstPosition + 10)
                .mapToObj(position -> claimed(secrets, "we_a", base + "/hold", position)).toList();
    }

    private static WebhookSettings settings(int concurrencyPerEndpoint, int maxConcurrent) {
        return new WebhookSettings(true, Duration.ofSeconds(10), Duration.ofSeconds(5), 5, 8, Duration.ofSeconds(60),
                Duration.ofSeconds(1), concurrencyPerEndpoint, maxConcurrent, 32, 128, Duration.ofDays(3),
                Duration.ofHours(24), 1024, 1000);
    }

    private static DeliveryStore.Claimed claimed(SecretBox secrets, String endpointId, String url, long position) {
        return new DeliveryStore.Claimed("whd_" + endpointId + "_" + position, endpointId, "evt_" + position, position,
                0, url, secrets.seal(endpointId, Signatures.newSecret()), null, null);
    }
}
