package io.billfold.platform.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many aggregates of each type a command node keeps in memory between commands ({@link CachedAggregateRepository});
 * the least recently used go first. Zero keeps none.
 */
@ConfigurationProperties("billfold.aggregates")
public record AggregateCacheSettings(@DefaultValue("20000") int cacheSize) {
}
