package io.billfold.webhooks;

import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.UnknownHostException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The private-network rule on webhook URLs, as the endpoint checks and the delivering client's resolver apply it. */
class UrlPolicyTest {

    private static WebhookSettings settings(boolean allowPrivateNetworks) {
        return new WebhookSettings(allowPrivateNetworks, Duration.ofSeconds(10), Duration.ofSeconds(5), 5, 8,
                Duration.ofSeconds(60), Duration.ofSeconds(1), 4, 64, 32, 128, Duration.ofDays(3), Duration.ofHours(24), 1024,
                1000);
    }

    private final UrlPolicy policy = new UrlPolicy(settings(false));

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost/hook", "http://127.0.0.1/hook", "http://127.8.9.10:8080/x",
            "https://10.0.0.1/x", "http://172.16.5.4/x", "http://192.168.1.1/x", "http://169.254.169.254/latest",
            "http://224.0.0.1/x", "http://0.0.0.0/x", "http://100.64.0.1/x", "http://[::1]/x", "http://[fe80::1]/x",
            "http://[fd12:3456::1]/x", "http://[ff02::1]/x", "http://[::ffff:127.0.0.1]/x"})
    void refusesLoopbackPrivateLinkLocalMulticastAndUnspecifiedAddresses(String url) {
        assertThat(policy.refusal(HttpUrl.get(url))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://8.8.8.8/hook", "http://93.184.215.14/x", "https://[2001:4860:4860::8888]/x",
            "https://unresolvable.invalid/hook"})
    void letsPublicAddressesAndUnresolvableNamesThrough(String url) {
        assertThat(policy.refusal(HttpUrl.get(url))).isEmpty();
    }

    @Test
    void theDeliveringClientsResolverRefusesANameThatResolvesToTheLoopback() {
        assertThatThrownBy(() -> policy.dns().lookup("localhost"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("loopback, private");
    }

    @Test
    void allowingPrivateNetworksLetsEverythingThrough() throws UnknownHostException {
        UrlPolicy allowing = new UrlPolicy(settings(true));
        assertThat(allowing.refusal(HttpUrl.get("http://127.0.0.1/x"))).isEmpty();
        assertThat(allowing.dns().lookup("localhost")).isNotEmpty();
    }

    @Test
    void theRetriesOfTheDefaultScheduleSpreadOverMoreThanADayAndTheFirstComesWithinTenSeconds() {
        RetrySchedule schedule = new RetrySchedule(settings(false));
        for (int run = 0; run < 100; run++) {
            assertThat(schedule.delayAfter(1)).isBetween(Duration.ofMillis(4500), Duration.ofMillis(5500));
            Duration total = Duration.ZERO;
            for (int attempt = 1; attempt < 8; attempt++) {
                total = total.plus(schedule.delayAfter(attempt));
            }
            assertThat(total).isGreaterThanOrEqualTo(Duration.ofHours(24));
        }
    }
}
