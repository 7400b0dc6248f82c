package io.billfold.platform.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many aggregates of each type a command node keeps in memory between commands ({@link CachedAggregateRepository});
 * the least recently used go first. Zero keeps none.
 */
@ConfigurationProperties("billfold.aggregates")
public record AggregateCacheSettings(int cacheSize) {
}
