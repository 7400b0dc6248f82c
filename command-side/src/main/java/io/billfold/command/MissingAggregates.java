package io.billfold.command;

import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.api.wallet.CreditWalletCommand;
import io.billfold.api.wallet.WalletNotFoundException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.springframework.stereotype.Component;

/**
 * A command on an aggregate that does not exist, or that is of another kind, fails the way a command on another
 * organization's aggregate does ({@code customer_not_found}, {@code wallet_not_found}). With a generic answer for
 * the one and a specific one for the other, the difference would tell a caller which ids exist elsewhere. (Axon's
 * Spring configuration registers it on the command bus, as every command handler interceptor bean.)
 */
@Component
class MissingAggregates implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final String WALLET_COMMANDS = CreditWalletCommand.class.getPackageName();

    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            CommandMessage<?> command = unitOfWork.getMessage();
            String id;
            try {
                id = targets.resolveTarget(command).getIdentifier();
            } catch (IllegalArgumentException noTarget) {
                throw e;
            }
            throw command.getPayloadType().getPackageName().equals(WALLET_COMMANDS)
                    ? new WalletNotFoundException(id) : new CustomerNotFoundException(id);
        }
    }
}
