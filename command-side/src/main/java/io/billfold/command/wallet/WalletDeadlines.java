package io.billfold.command.wallet;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManagerSupplier;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The expiry deadlines of grants and holds: Axon's deadline manager on db-scheduler, its tasks in PostgreSQL
 * ({@code scheduled_tasks}). What the design rests on:
 * <ul>
 *   <li>The scheduler reaches the database through a transaction-aware proxy, so a deadline a command schedules is
 *   inserted in the command's transaction (Axon schedules it when the unit of work prepares its commit) and rolls
 *   back with it; on its own connection it would survive a rolled-back command and fire.</li>
 *   <li>Every command node polls ({@code billfold.expiry.polling-interval}, 1 s: db-scheduler's 10 s default would
 *   miss the 10 s an expiry may take) and picks due tasks with {@code for update skip locked}, so one node runs each.
 *   A task runs the wallet's deadline handler in a transaction of its own, under the wallet's lock; db-scheduler
 *   removes the task after that commits. A node that dies in between leaves the task to run again, which finds
 *   nothing left to expire: handlers are no-ops when the grant is used up or the hold is no longer active.</li>
 *   <li>Deadlines are never cancelled: a grant used up or a hold captured before its time leaves its task to run as
 *   a no-op. Cancelling would cost every debit and capture a statement, and Axon's {@code cancelAll} deserialises
 *   every task of the name.</li>
 *   <li>Its clock is the application's {@link Clock} where there is one (tests move it forward), else the system's.</li>
 * </ul>
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExpirySettings.class)
class WalletDeadlines {

    private static final String TABLE = "scheduled_tasks";

    @Bean
    Scheduler expiryScheduler(DataSource dataSource, ExpirySettings settings, ObjectProvider<Clock> clocks,
                              DbSchedulerDeadlineManagerSupplier deadlineManagers) {
        Clock clock = clocks.getIfUnique(Clock::systemUTC);
        Task<?> task = DbSchedulerDeadlineManager.humanReadableTask(deadlineManagers);
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.<Task<?>>of(task))
                .tableName(TABLE)
                .pollingInterval(settings.pollingInterval())
                .pollUsingLockAndFetch(0.5, 1.0)
                .threads(settings.threads())
                .clock(clock::instant)
                .build();
    }

    @Bean
    DbSchedulerDeadlineManagerSupplier deadlineManagers() {
        return new DbSchedulerDeadlineManagerSupplier();
    }

    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler expiryScheduler, ObjectProvider<Configuration> axon,
                                               @Qualifier("messageSerializer") Serializer serializer,
                                               TransactionManager transactionManager,
                                               DbSchedulerDeadlineManagerSupplier deadlineManagers) {
        DbSchedulerDeadlineManager manager = DbSchedulerDeadlineManager.builder()
                .scheduler(expiryScheduler)
                .scopeAwareProvider(new LazyScopes(() -> new ConfigurationScopeAwareProvider(axon.getObject())))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .useBinaryPojo(false)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
        deadlineManagers.set(manager);
        return manager;
    }

    /** Deadlines run once the whole application is up, never while the aggregates' handlers are being set up. */
    @Bean
    ExpiryPolling expiryPolling(Scheduler expiryScheduler) {
        return new ExpiryPolling(expiryScheduler);
    }

    static final class ExpiryPolling implements AutoCloseable {

        private final Scheduler scheduler;

        ExpiryPolling(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @EventListener(ApplicationReadyEvent.class)
        void start() {
            scheduler.start();
        }

        @Override
        public void close() {
            scheduler.stop();
        }
    }

    /** Axon's configuration, which holds the wallets' repository, is asked for only when a deadline runs. */
    private static final class LazyScopes implements ScopeAwareProvider {

        private final Supplier<ScopeAwareProvider> create;
        private volatile ScopeAwareProvider delegate;

        LazyScopes(Supplier<ScopeAwareProvider> create) {
            this.create = create;
        }

        @Override
        public Stream<ScopeAware> provideScopeAwareStream(ScopeDescriptor scopeDescription) {
            ScopeAwareProvider current = delegate;
            if (current == null) {
                current = create.get();
                delegate = current;
            }
            return current.provideScopeAwareStream(scopeDescription);
        }
    }
}
