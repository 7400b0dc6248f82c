package io.billfold.webhooks;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What a batch of recorded attempts says of one endpoint's health, folded in the order the attempts ended: a success
 * means the endpoint is no longer failing; a failure means it is failing since then, unless it already was.
 *
 * @param succeeded       some attempt of the batch succeeded, so the stored {@code failing_since} no longer counts
 * @param failingSince    with {@code succeeded}: the first failure after the last success (null: none); without: the
 *                        first failure of the batch, kept only when the endpoint was not failing already
 * @param lastFailure     when the latest failure of the batch ended (null: none), the time the disabling is judged at
 */
record EndpointHealth(boolean succeeded, Instant failingSince, Instant lastFailure) {

    /** An ended attempt as its endpoint's health sees it. */
    record Ended(boolean delivered, Instant at) {
    }

    static EndpointHealth of(List<Ended> attempts) {
        boolean succeeded = false;
        Instant failingSince = null;
        Instant lastFailure = null;
        for (Ended attempt : attempts.stream().sorted(Comparator.comparing(Ended::at)).toList()) {
            if (attempt.delivered()) {
                succeeded = true;
                failingSince = null;
            } else {
                if (failingSince == null) {
                    failingSince = attempt.at();
                }
                lastFailure = attempt.at();
            }
        }
        return new EndpointHealth(succeeded, failingSince, lastFailure);
    }
}
