package io.billfold.webhooks;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A lease that does not outlast two timeouts would have every claimed delivery released unsent, forever: such settings
 * stop the application at start, saying why.
 */
class WebhookSettingsTest {

    @Test
    void aLeaseOfAtMostTwoTimeoutsIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("billfold.webhooks.lease", "15s")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("billfold.webhooks.lease (PT15S) must be longer than twice"
                        + " billfold.webhooks.timeout (PT10S)");
        assertThatThrownBy(() -> bind(Map.of("billfold.webhooks.lease", "20s")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void aLeaseAboveTwoTimeoutsIsTaken() {
        WebhookSettings settings = bind(Map.of("billfold.webhooks.lease", "15s", "billfold.webhooks.timeout", "5s"));

        assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    private static WebhookSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("billfold.webhooks", WebhookSettings.class)
                .get();
    }
}
