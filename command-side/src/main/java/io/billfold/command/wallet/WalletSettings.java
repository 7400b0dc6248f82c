package io.billfold.command.wallet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Wallets ({@code billfold.wallets.*}): a snapshot every {@code snapshotEvery} events. */
@ConfigurationProperties("billfold.wallets")
record WalletSettings(@DefaultValue("100") int snapshotEvery) {
}
