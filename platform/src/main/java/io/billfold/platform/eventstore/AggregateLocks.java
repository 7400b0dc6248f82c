package io.billfold.platform.eventstore;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Serialises commands on one aggregate, on every node, until their transaction commits: before a command's aggregate
 * is loaded, a transaction-scoped advisory lock on its id is taken. Axon's own aggregate lock is released when its
 * unit of work ends, which is before the request's transaction commits; without this, a second command would load the
 * aggregate without the first one's events and fail on the (aggregate, sequence) key, to be retried.
 * <p>
 * A command that always creates its aggregate (a constructor handler, or {@code @CreationPolicy(ALWAYS)}) takes no
 * lock: there are no earlier events to wait for, and a second creation under the same id fails on the key whatever
 * the order. That is a round trip less for every customer an import creates.
 */
@Component
public class AggregateLocks implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcTemplate jdbc;
    private final ListableBeanFactory beans;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    private volatile Set<Class<?>> creatingCommands;

    /** Axon's Spring configuration registers every command handler interceptor bean on the command bus. */
    AggregateLocks(JdbcTemplate jdbc, ListableBeanFactory beans) {
        this.jdbc = jdbc;
        this.beans = beans;
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
        CommandMessage<?> command = unitOfWork.getMessage();
        if (!creatingCommands().contains(command.getPayloadType())) {
            String target = targetOf(command);
            if (target != null) {
                lock(List.of(target));
            }
        }
        return chain.proceed();
    }

    /** The commands of every aggregate's handlers that always create it; read once, when the first command comes. */
    private Set<Class<?>> creatingCommands() {
        Set<Class<?>> commands = creatingCommands;
        if (commands == null) {
            commands = new HashSet<>();
            for (String name : beans.getBeanNamesForAnnotation(Aggregate.class)) {
                for (Class<?> type = beans.getType(name); type != null && type != Object.class;
                     type = type.getSuperclass()) {
                    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                        if (constructor.isAnnotationPresent(CommandHandler.class)
                                && constructor.getParameterCount() > 0) {
                            commands.add(constructor.getParameterTypes()[0]);
                        }
                    }
                    for (Method method : type.getDeclaredMethods()) {
                        CreationPolicy policy = method.getAnnotation(CreationPolicy.class);
                        if (method.isAnnotationPresent(CommandHandler.class) && policy != null
                                && policy.value() == AggregateCreationPolicy.ALWAYS
                                && method.getParameterCount() > 0) {
                            commands.add(method.getParameterTypes()[0]);
                        }
                    }
                }
            }
            creatingCommands = commands = Set.copyOf(commands);
        }
        return commands;
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
