package io.billfold.command.wallet;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The expiry deadlines of grants and holds ({@link WalletDeadlines}): how often each command node looks for due ones
 * (an expiry is recorded within this interval of its time, plus the time to record it), and how many it records at
 * once.
 */
@ConfigurationProperties("billfold.expiry")
record ExpirySettings(Duration pollingInterval, int threads) {
}
