package io.billfold.command;

import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.api.wallet.WalletNotFoundException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.EntityId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The answer to a command on a missing aggregate follows the aggregate Axon's model says handles the command. */
class MissingAggregatesTest {

    record ShakeBox(@TargetAggregateIdentifier String boxId) {
    }

    record LabelItem(@TargetAggregateIdentifier String boxId, String itemId) {
    }

    record StackCrate(@TargetAggregateIdentifier String crateId) {
    }

    record Unhandled(@TargetAggregateIdentifier String id) {
    }

    static class Box {
        @AggregateIdentifier
        private String boxId;
        @AggregateMember
        private List<Item> items;

        @CommandHandler
        void handle(ShakeBox command) {
        }
    }

    static class Item {
        @EntityId
        private String itemId;

        @CommandHandler
        void handle(LabelItem command) {
        }
    }

    static class Crate {
        @AggregateIdentifier
        private String crateId;

        @CommandHandler
        void handle(StackCrate command) {
        }
    }

    private final MissingAggregates missing = new MissingAggregates(
            List.of(new MissingAggregate(Box.class, CustomerNotFoundException::new),
                    new MissingAggregate(Crate.class, WalletNotFoundException::new)),
            ClasspathParameterResolverFactory.forClass(Box.class), ClasspathHandlerDefinition.forClass(Box.class));

    @Test
    void aCommandOnAMissingAggregateFailsAsItsTypeSays() {
        assertThat(failure(new ShakeBox("box_1"))).isInstanceOf(CustomerNotFoundException.class)
                .hasMessageContaining("box_1");
        assertThat(failure(new StackCrate("crate_1"))).isInstanceOf(WalletNotFoundException.class)
                .hasMessageContaining("crate_1");
    }

    @Test
    void aCommandOnAnEntityOfTheAggregateFailsAsTheAggregate() {
        assertThat(failure(new LabelItem("box_1", "item_1"))).isInstanceOf(CustomerNotFoundException.class);
    }

    @Test
    void aCommandNoAggregateHandlesKeepsItsOwnFailure() {
        assertThat(failure(new Unhandled("x_1"))).isInstanceOf(AggregateNotFoundException.class);
    }

    private Throwable failure(Object payload) {
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork =
                DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(payload));
        try {
            return catchThrowable(() -> missing.handle(unitOfWork, () -> {
                throw new AggregateNotFoundException("missing", "The aggregate was not found");
            }));
        } finally {
            unitOfWork.rollback();
        }
    }
}
