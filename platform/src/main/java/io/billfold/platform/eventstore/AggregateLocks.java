package io.billfold.platform.eventstore;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Serialises commands on one aggregate, on every node, until their transaction commits: before a command's aggregate
 * is loaded, a transaction-scoped advisory lock on its id is taken. Axon's own aggregate lock is released when its
 * unit of work ends, which is before the request's transaction commits; without this, a second command would load the
 * aggregate without the first one's events and fail on the (aggregate, sequence) key, to be retried.
 */
@Component
public class AggregateLocks implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcTemplate jdbc;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    /** Axon's Spring configuration registers every command handler interceptor bean on the command bus. */
    AggregateLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks several aggregates, always in the same (sorted) order, so that two commands cannot deadlock. */
    public void lock(Collection<String> aggregateIds) {
        for (String aggregateId : new TreeSet<>(aggregateIds)) {
            jdbc.queryForObject("select pg_advisory_xact_lock(hashtextextended(?, 0))", Object.class,
                    "aggregate:" + aggregateId);
        }
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        String target = targetOf(unitOfWork.getMessage());
        if (target != null) {
            lock(List.of(target));
        }
        return chain.proceed();
    }

    private String targetOf(CommandMessage<?> command) {
        try {
            return targets.resolveTarget(command).getIdentifier();
        } catch (IllegalArgumentException noTarget) {
            // Commands on several aggregates (transfers) name none and lock what they load themselves.
            return null;
        }
    }
}
