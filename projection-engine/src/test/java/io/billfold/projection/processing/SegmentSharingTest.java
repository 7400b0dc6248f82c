package io.billfold.projection.processing;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentSharingTest {

    @Test
    void aNodeAloneHoldsEverySegment() {
        assertThat(SegmentSharing.quota(4, 1, 0)).isEqualTo(4);
    }

    @Test
    void nodesShareEvenlyAndTheFirstInSlotOrderTakeTheRemainder() {
        assertThat(quotas(4, 2)).containsExactly(2, 2);
        assertThat(quotas(4, 3)).containsExactly(2, 1, 1);
        assertThat(quotas(7, 3)).containsExactly(3, 2, 2);
        assertThat(quotas(4, 6)).containsExactly(1, 1, 1, 1, 0, 0);
    }

    @Test
    void theQuotasOfAllNodesAlwaysAddUpToEverySegmentAndDifferByOneAtMost() {
        for (int segments = 1; segments <= 64; segments++) {
            for (int nodes = 1; nodes <= 20; nodes++) {
                int[] quotas = quotas(segments, nodes);
                assertThat(IntStream.of(quotas).sum()).isEqualTo(segments);
                assertThat(IntStream.of(quotas).max().orElseThrow() - IntStream.of(quotas).min().orElseThrow())
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    private static int[] quotas(int segments, int nodes) {
        return IntStream.range(0, nodes).map(rank -> SegmentSharing.quota(segments, nodes, rank)).toArray();
    }
}
