package io.billfold.webhooks;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch of attempts tells an endpoint's health in the order the attempts ended, whatever order they arrive in. */
class EndpointHealthTest {

    private static final Instant T = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aFailureAfterTheLastSuccessIsWhereTheFailingStarts() {
        EndpointHealth health = EndpointHealth.of(List.of(failed(3), delivered(1), failed(2), failed(4)));

        assertThat(health).isEqualTo(new EndpointHealth(true, T.plusSeconds(2), T.plusSeconds(4)));
    }

    @Test
    void aSuccessAfterEveryFailureClearsTheFailing() {
        EndpointHealth health = EndpointHealth.of(List.of(delivered(5), failed(1), failed(2)));

        assertThat(health).isEqualTo(new EndpointHealth(true, null, T.plusSeconds(2)));
    }

    @Test
    void onlyFailuresStartTheFailingAtTheFirstOne() {
        EndpointHealth health = EndpointHealth.of(List.of(failed(7), failed(6)));

        assertThat(health).isEqualTo(new EndpointHealth(false, T.plusSeconds(6), T.plusSeconds(7)));
    }

    @Test
    void onlySuccessesLeaveNothingToDisable() {
        assertThat(EndpointHealth.of(List.of(delivered(1), delivered(2))))
                .isEqualTo(new EndpointHealth(true, null, null));
    }

    private static EndpointHealth.Ended delivered(int second) {
        return new EndpointHealth.Ended(true, T.plusSeconds(second));
    }

    private static EndpointHealth.Ended failed(int second) {
        return new EndpointHealth.Ended(false, T.plusSeconds(second));
    }
}
