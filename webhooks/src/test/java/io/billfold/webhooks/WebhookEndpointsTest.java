package io.billfold.webhooks;

import io.billfold.api.error.BillfoldException;
import io.billfold.platform.eventstore.EventPositions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/** An endpoint whose URL is not allowed is refused with 422 {@code url_not_allowed} and nothing is stored. */
class WebhookEndpointsTest {

    @Test
    void aUrlOnAPrivateNetworkIsRefusedWithItsOwnCode() {
        WebhookSettings settings = new WebhookSettings(false, Duration.ofSeconds(10), Duration.ofSeconds(5), 5, 8,
                Duration.ofSeconds(60), Duration.ofSeconds(1), 4, 64, 32, 128, Duration.ofDays(3), Duration.ofHours(24), 1024,
                1000);
        EndpointStore store = mock(EndpointStore.class);
        WebhookEndpoints endpoints = new WebhookEndpoints(store, secretBox(""), new UrlPolicy(settings),
                mock(EventPositions.class), settings, Clock.systemUTC());

        BillfoldException refused = catchThrowableOfType(BillfoldException.class, () -> endpoints.create("org_1",
                new WebhookEndpoints.CreateRequest("http://localhost:8080/hook", List.of("*"), null)));

        assertThat(refused.code()).isEqualTo("url_not_allowed");
        assertThat(refused.getMessage()).contains("BILLFOLD_WEBHOOKS_ALLOW_PRIVATE_NETWORKS");
        verifyNoInteractions(store);
    }

    @Test
    void secretsAreSealedWithTheMasterKeyAndBoundToTheirEndpoint() {
        SecretBox box = secretBox(java.util.Base64.getEncoder().encodeToString(new byte[32]));
        byte[] secret = Signatures.newSecret();
        byte[] sealed = box.seal("we_1", secret);
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(box.open("we_1", sealed)).isEqualTo(secret);
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> box.open("we_2", sealed))).isNotNull();
        assertThat(secretBox("").open("we_1", secretBox("").seal("we_1", secret))).isEqualTo(secret);
    }

    private static SecretBox secretBox(String masterKey) {
        return new SecretBox(new MasterKeySettings(masterKey));
    }
}
