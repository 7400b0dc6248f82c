package io.billfold.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How webhooks are delivered ({@code billfold.webhooks.*}).
 *
 * @param allowPrivateNetworks    URLs may point at loopback, private, link-local and multicast addresses
 *                                ({@code BILLFOLD_WEBHOOKS_ALLOW_PRIVATE_NETWORKS}; on-premises receivers, tests)
 * @param timeout                 a receiver's answer must be complete within this
 * @param firstRetryDelay         the first retry's delay; each next one is {@code retryFactor} times longer, with
 *                                ±10 % jitter (5 s and 5: retries over 27 h, at least 24 h with any jitter)
 * @param retryFactor             growth of the delay from one retry to the next
 * @param maxAttempts             attempts before a delivery is {@code failed}
 * @param lease                   how long a node holds a delivery it claimed (above twice {@code timeout}: a delivery
 *                                is sent only while its lease outlasts two timeouts); a node that died leaves it to
 *                                the others after this
 * @param pollInterval            how often each node looks for due deliveries besides being woken
 * @param concurrencyPerEndpoint  deliveries in flight to one endpoint from one node (one while the endpoint's latest
 *                                attempt failed); with 4, one endpoint could not take 500 deliveries/s on a busy
 *                                machine (docs/performance.md)
 * @param maxConcurrent           deliveries in flight from one node (each on a thread of OkHttp's dispatcher)
 * @param readyPerEndpoint        claimed deliveries one node keeps waiting for a slot of one endpoint, so that an
 *                                answer is followed by the next request at once, not after a database round
 * @param maxReady                claimed deliveries waiting for a slot on one node, all endpoints together
 * @param disableAfter            an endpoint whose attempts have all failed this long is disabled
 * @param secretOverlap           how long the previous secret keeps signing after a rotation
 * @param responseBodyLimit       bytes of a receiver's answer kept with the delivery
 * @param fanOutBatch             events fanned out per transaction
 */
@ConfigurationProperties("billfold.webhooks")
public record WebhookSettings(
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("5s") Duration firstRetryDelay,
        @DefaultValue("5") double retryFactor,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("32") int concurrencyPerEndpoint,
        @DefaultValue("256") int maxConcurrent,
        @DefaultValue("64") int readyPerEndpoint,
        @DefaultValue("512") int maxReady,
        @DefaultValue("3d") Duration disableAfter,
        @DefaultValue("24h") Duration secretOverlap,
        @DefaultValue("1024") int responseBodyLimit,
        @DefaultValue("1000") int fanOutBatch) {

    public WebhookSettings {
        if (lease.compareTo(timeout.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("billfold.webhooks.lease (" + lease + ") must be longer than twice"
                    + " billfold.webhooks.timeout (" + timeout + "): a delivery is sent only while its lease outlasts"
                    + " two timeouts, so no delivery would ever be sent");
        }
    }
}
