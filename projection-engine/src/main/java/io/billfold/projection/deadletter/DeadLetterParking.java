package io.billfold.projection.deadletter;

import io.billfold.projection.write.BatchedWrites;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Keeps one failing event from stalling a projection for good without ever skipping it silently.
 * <p>
 * Normally events are handled without overhead; a failure fails the whole batch, which rolls back and is retried by
 * the processor. After a failure the processor handles events carefully for a while: each in a savepoint, retried
 * with back-off, and when every attempt failed, rolled back to its savepoint and parked in {@link DeadLetters} in
 * the batch's transaction, so the batch commits and the projection moves on. Later events of a parked aggregate are
 * parked behind it, keeping each aggregate's events in order.
 */
final class DeadLetterParking implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterParking.class);
    private static final Duration CAREFUL_FOR = Duration.ofMinutes(5);

    private final String processor;
    private final DeadLetters deadLetters;
    private final DataSource dataSource;
    private final int attempts;
    private final Duration backOff;
    private volatile long carefulUntil = System.nanoTime();

    DeadLetterParking(String processor, DeadLetters deadLetters, DataSource dataSource, int attempts,
                      Duration backOff) {
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.dataSource = dataSource;
        this.attempts = attempts;
        this.backOff = backOff;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        String sequence = DeadLetters.sequenceOf(event);
        Set<String> parkedInBatch = unitOfWork.root().getOrComputeResource("parked:" + processor, key -> new HashSet<>());
        if (parkedInBatch.contains(sequence) || deadLetters.isParked(processor, sequence)) {
            park(unitOfWork, parkedInBatch, event, "parked behind an earlier event of " + sequence, 0);
            return null;
        }
        if (System.nanoTime() - carefulUntil > 0) {
            try {
                return chain.proceed();
            } catch (Exception | Error failure) {
                carefulUntil = System.nanoTime() + CAREFUL_FOR.toNanos();
                throw failure;
            }
        }
        return handleCarefully(unitOfWork, chain, parkedInBatch, event);
    }

    private Object handleCarefully(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain,
                                   Set<String> parkedInBatch, EventMessage<?> event) throws Exception {
        BatchedWrites.immediately(unitOfWork);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Exception last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                Object result = chain.proceed();
                connection.releaseSavepoint(savepoint);
                return result;
            } catch (Exception failure) {
                connection.rollback(savepoint);
                last = failure;
                if (attempt < attempts) {
                    Thread.sleep(backOff.toMillis() << (attempt - 1));
                }
            }
        }
        log.error("Projection {} parked event {} ({}) after {} attempts: {}", processor, event.getIdentifier(),
                event.getPayloadType().getSimpleName(), attempts, last.getClass().getName());
        park(unitOfWork, parkedInBatch, event, last.getClass().getName() + ": " + last.getMessage(), attempts);
        return null;
    }

    private void park(UnitOfWork<? extends EventMessage<?>> unitOfWork, Set<String> parkedInBatch,
                      EventMessage<?> event, String cause, int attemptsMade) {
        String sequence = DeadLetters.sequenceOf(event);
        deadLetters.park(processor, event, cause, attemptsMade);
        if (parkedInBatch.add(sequence)) {
            unitOfWork.root().afterCommit(committed -> deadLetters.parkedCommitted(processor, sequence));
        }
    }
}
