package io.billfold.platform.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Console sign-in sessions: a session ends after {@code idleTimeout} without a request, and {@code maxAge} after it was
 * opened whatever happens (the key is then asked for again). Defaults in {@code application.yml}.
 */
@ConfigurationProperties("billfold.sessions")
public record SessionSettings(Duration idleTimeout, Duration maxAge) {
}
