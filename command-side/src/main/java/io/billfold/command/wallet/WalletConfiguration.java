package io.billfold.command.wallet;

import io.billfold.api.wallet.WalletNotFoundException;
import io.billfold.command.MissingAggregate;
import io.billfold.platform.eventstore.CachedAggregateRepositories;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The wallets' repository, which keeps wallets in memory between commands ({@code CachedAggregateRepository}), and
 * their snapshots, taken on a thread of their own after every {@code billfold.wallets.snapshot-every} events: loading
 * a wallet that is not in memory, or not current there, reads its latest snapshot and the events after it, whatever
 * the length of its history.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WalletSettings.class)
class WalletConfiguration {

    static final String SNAPSHOT_TRIGGER = "walletSnapshotTrigger";
    static final String REPOSITORY = "walletRepository";
    /**
     * The revision of the wallet's snapshot form: snapshots of another revision (taken before grants and holds) are
     * ignored, and the wallet is loaded from its events.
     */
    static final String SNAPSHOT_REVISION = "2";

    @Bean(REPOSITORY)
    Repository<Wallet> walletRepository(CachedAggregateRepositories repositories,
                                        @Qualifier(SNAPSHOT_TRIGGER) SnapshotTriggerDefinition snapshots) {
        return repositories.create(Wallet.class, snapshots);
    }

    @Bean
    MissingAggregate missingWallet() {
        return new MissingAggregate(Wallet.class, WalletNotFoundException::new);
    }

    @Bean
    SnapshotFilter walletSnapshotFilter() {
        String type = Wallet.class.getName();
        return snapshot -> !type.equals(snapshot.getPayload().getType().getName())
                || SNAPSHOT_REVISION.equals(snapshot.getPayload().getType().getRevision());
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshotExecutor() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wallet-snapshotter");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(Configuration configuration, HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory,
                                                    ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .handlerDefinition(handlerDefinition)
                .parameterResolverFactory(parameterResolverFactory)
                .eventStore(eventStore)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    @Bean(SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition walletSnapshotTrigger(SpringAggregateSnapshotter snapshotter,
                                                    WalletSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.snapshotEvery());
    }
}
