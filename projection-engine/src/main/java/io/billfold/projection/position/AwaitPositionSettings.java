package io.billfold.projection.position;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** How long a read with {@code Billfold-Await-Position} waits before its 503 ({@code billfold.await-position.*}). */
@ConfigurationProperties("billfold.await-position")
record AwaitPositionSettings(@DefaultValue("5s") Duration maxWait) {
}
