package io.billfold.command;

import io.billfold.api.error.BillfoldException;

import java.util.function.Function;

/**
 * How a command on a missing aggregate of this type is answered: {@code notFound} of the id the command targets
 * ({@link MissingAggregates}). Each feature declares one for its aggregate.
 */
public record MissingAggregate(Class<?> aggregateType, Function<String, ? extends BillfoldException> notFound) {
}
