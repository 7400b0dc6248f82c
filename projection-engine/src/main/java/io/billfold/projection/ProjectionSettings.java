package io.billfold.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How projections run ({@code billfold.projections.*}).
 *
 * @param batchSize       events per transaction of a live projection
 * @param segments        segments of each projection, taken when its tokens are first created (an existing database
 *                        keeps the segments it has)
 * @param claimExtension  how often a segment that handles none of the latest events still stores its token, and so
 *                        how long {@code Billfold-Await-Position} may wait for it
 * @param claimInterval   how often each node recounts the query nodes and looks for segments nobody holds
 * @param replayBatchSize events per transaction of a replay
 * @param replaySegments  segments of a replay's processor
 * @param handlerAttempts attempts at an event, after a failure, before it is parked as a dead letter
 * @param handlerBackOff  the wait after the first failed attempt, doubled after each next one
 */
@ConfigurationProperties("billfold.projections")
public record ProjectionSettings(
        @DefaultValue("100") int batchSize,
        @DefaultValue("2") int segments,
        @DefaultValue("100ms") Duration claimExtension,
        @DefaultValue("1s") Duration claimInterval,
        @DefaultValue("1000") int replayBatchSize,
        @DefaultValue("1") int replaySegments,
        @DefaultValue("3") int handlerAttempts,
        @DefaultValue("100ms") Duration handlerBackOff) {
}
