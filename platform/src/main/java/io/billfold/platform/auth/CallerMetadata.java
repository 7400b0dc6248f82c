package io.billfold.platform.auth;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Stamps every command with its caller's organization, API key and request (and idempotency key); the events the
 * command causes inherit them, which is what the audit trail and the histories read.
 */
@Component
class CallerMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {

    CallerMetadata(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> CallerContext.current()
                .<CommandMessage<?>>map(current -> command.andMetaData(current.metadata()))
                .orElse(command);
    }
}
