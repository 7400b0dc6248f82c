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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** How the sender shares its slots between endpoints, against a receiver on the loopback. */
class WebhookSenderTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private WebhookSender sender;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
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
        WebhookSettings settings = new WebhookSettings(true, Duration.ofSeconds(10), Duration.ofSeconds(5), 5, 8,
                Duration.ofSeconds(60), Duration.ofSeconds(1), 1, 1, 32, 128, Duration.ofDays(3),
                Duration.ofHours(24), 1024, 1000);
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

    private static DeliveryStore.Claimed claimed(SecretBox secrets, String endpointId, String url, long position) {
        return new DeliveryStore.Claimed("whd_" + endpointId, endpointId, "evt_" + position, position, 0, url,
                secrets.seal(endpointId, Signatures.newSecret()), null, null);
    }
}
