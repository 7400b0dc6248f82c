package io.billfold.platform.eventstore;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which commands take the aggregate's advisory lock: all that target an aggregate, except those that create it. */
class AggregateLocksTest {

    record OpenAccountCommand(@TargetAggregateIdentifier String accountId) {
    }

    record ImportAccountCommand(@TargetAggregateIdentifier String accountId) {
    }

    record RenameAccountCommand(@TargetAggregateIdentifier String accountId) {
    }

    record RenameOrOpenAccountCommand(@TargetAggregateIdentifier String accountId) {
    }

    @Aggregate
    static class Account {
        Account() {
        }

        @CommandHandler
        Account(ImportAccountCommand command) {
        }

        @CommandHandler
        @CreationPolicy(AggregateCreationPolicy.ALWAYS)
        void handle(OpenAccountCommand command) {
        }

        @CommandHandler
        void handle(RenameAccountCommand command) {
        }

        @CommandHandler
        @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
        void handle(RenameOrOpenAccountCommand command) {
        }
    }

    private final List<Object> locked = new ArrayList<>();
    private final AggregateLocks locks = new AggregateLocks(new JdbcTemplate() {
        @Override
        public <T> T queryForObject(String sql, Class<T> requiredType, Object... args) {
            locked.add(args[0]);
            return null;
        }
    }, beans());

    private static StaticListableBeanFactory beans() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("account", new Account());
        return beans;
    }

    @Test
    void commandsThatAlwaysCreateTheirAggregateTakeNoLock() throws Exception {
        handle(new OpenAccountCommand("acc-1"));
        handle(new ImportAccountCommand("acc-2"));

        assertThat(locked).isEmpty();
    }

    @Test
    void commandsOnAnAggregateThatMayExistLockIt() throws Exception {
        handle(new RenameAccountCommand("acc-3"));
        handle(new RenameOrOpenAccountCommand("acc-4"));

        assertThat(locked).containsExactly("aggregate:acc-3", "aggregate:acc-4");
    }

    private void handle(Object command) throws Exception {
        DefaultUnitOfWork<CommandMessage<Object>> unitOfWork =
                DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(command));
        try {
            assertThat(locks.handle(unitOfWork, () -> "handled")).isEqualTo("handled");
        } finally {
            unitOfWork.commit();
        }
    }
}
