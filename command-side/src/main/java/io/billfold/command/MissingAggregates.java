package io.billfold.command;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A command on an aggregate that does not exist, or that is of another kind, fails the way a command on another
 * organization's aggregate does ({@code customer_not_found}, {@code wallet_not_found}). With a generic answer for
 * the one and a specific one for the other, the difference would tell a caller which ids exist elsewhere. Which
 * aggregate a command is for is read from Axon's model of each aggregate (its command handlers, its entities'
 * included), and how that aggregate's absence is answered from its {@link MissingAggregate}. (Axon's Spring
 * configuration registers it on the command bus, as every command handler interceptor bean.)
 */
@Component
class MissingAggregates implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    private final List<MissingAggregate> aggregates;
    private final ParameterResolverFactory parameters;
    private final HandlerDefinition handlers;
    /** The aggregate each command is handled by, from the first failure on (the model is built once). */
    private volatile Map<Class<?>, MissingAggregate> byCommand;

    MissingAggregates(List<MissingAggregate> aggregates, ParameterResolverFactory parameters,
                      HandlerDefinition handlers) {
        this.aggregates = List.copyOf(aggregates);
        this.parameters = parameters;
        this.handlers = handlers;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            CommandMessage<?> command = unitOfWork.getMessage();
            MissingAggregate aggregate = byCommand().get(command.getPayloadType());
            if (aggregate == null) {
                throw e;
            }
            String id;
            try {
                id = targets.resolveTarget(command).getIdentifier();
            } catch (IllegalArgumentException noTarget) {
                throw e;
            }
            throw aggregate.notFound().apply(id);
        }
    }

    private Map<Class<?>, MissingAggregate> byCommand() {
        Map<Class<?>, MissingAggregate> known = byCommand;
        if (known == null) {
            Map<Class<?>, MissingAggregate> commands = new HashMap<>();
            for (MissingAggregate aggregate : aggregates) {
                AnnotatedAggregateMetaModelFactory.inspectAggregate(aggregate.aggregateType(), parameters, handlers)
                        .allCommandHandlers().values().stream().flatMap(List::stream)
                        .forEach(handler -> commands.put(handler.payloadType(), aggregate));
            }
            known = Map.copyOf(commands);
            byCommand = known;
        }
        return known;
    }
}
