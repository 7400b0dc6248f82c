package io.billfold.platform.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Browser sessions of the console. The API key is posted once (never in a URL, a log or a script-readable cookie);
 * the browser then holds only a random session token in an HttpOnly, SameSite=Strict cookie. The database holds a
 * SHA-256 digest of the token and the key's id, so every request resolves to the very caller the key is (same
 * organization, key id and name, role) and a revoked key ends its sessions at once on every node.
 *
 * <p>The cookie counts only together with the {@link #CSRF_HEADER} header, which a browser sends cross-origin only
 * after a CORS preflight that Billfold never grants; a request whose {@code Origin} or {@code Sec-Fetch-Site} says it
 * comes from another site is refused as well.
 */
@Service
@EnableConfigurationProperties(SessionSettings.class)
public class BrowserSessions {

    public static final String COOKIE = "billfold_session";
    public static final String CSRF_HEADER = "X-Billfold-Console";
    /** Writing {@code last_used_at} on every request would cost a write per read; a minute's precision is enough. */
    private static final long TOUCH_AFTER_SECONDS = 60;

    private final JdbcTemplate jdbc;
    private final ApiKeyStore keys;
    private final SessionSettings settings;
    private final String operatorKey;

    BrowserSessions(JdbcTemplate jdbc, ApiKeyStore keys, SessionSettings settings, KeySettings keySettings) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.settings = settings;
        this.operatorKey = keySettings.operatorKey();
    }

    /** A session just opened: the token goes into the cookie and nowhere else. */
    public record OpenedSession(String token, Caller caller, Instant expiresAt) {
    }

    /** Opens a session for a valid key (the operator key included); empty when the key is unknown or revoked. */
    @Transactional
    public Optional<OpenedSession> open(String apiKey) {
        if (apiKey == null || apiKey.isBlank() || apiKey.length() > 512) {
            return Optional.empty();
        }
        String presented = apiKey.strip();
        Optional<Caller> caller = ApiKeySecrets.matches(operatorKey, presented)
                ? Optional.of(Caller.operatorCaller()) : keys.authenticate(presented);
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("delete from browser_session where expires_at < now()");
        String token = ApiKeySecrets.newKey();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(settings.maxAge());
        jdbc.update("""
                        insert into browser_session (token_digest, api_key_id, operator_check, created_at, last_used_at,
                                                     expires_at)
                        values (?, ?, ?, ?, ?, ?)
                        """, ApiKeySecrets.digest(token), caller.get().operator() ? null : caller.get().keyId(),
                caller.get().operator() ? operatorCheck(token) : null, Timestamp.from(now), Timestamp.from(now),
                Timestamp.from(expiresAt));
        return Optional.of(new OpenedSession(token, caller.get(), expiresAt));
    }

    /** Ends the session of this token, if there is one. */
    public void close(String token) {
        if (token != null) {
            jdbc.update("delete from browser_session where token_digest = ?", ApiKeySecrets.digest(token));
        }
    }

    /** The session token the request's cookie carries, if any. */
    public static Optional<String> token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank() && cookie.getValue().length() <= 128) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** True when the request is the console's own (custom header present, not sent from another site). */
    public static boolean sameSiteConsoleRequest(HttpServletRequest request) {
        if (request.getHeader(CSRF_HEADER) == null) {
            return false;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        return origin == null || sameAuthority(origin, request.getHeader("Host"));
    }

    /** The caller of the request's session: cookie, CSRF header, a live session and a live key; else empty. */
    public Optional<Caller> caller(HttpServletRequest request) {
        if (!sameSiteConsoleRequest(request)) {
            return Optional.empty();
        }
        return token(request).flatMap(this::resolve);
    }

    private record Resolved(Caller caller, boolean stale) {
    }

    private Optional<Caller> resolve(String token) {
        byte[] digest = ApiKeySecrets.digest(token);
        Optional<Resolved> resolved = jdbc.query("""
                        select s.operator_check, s.last_used_at < now() - make_interval(secs => ?) as stale,
                               k.id, k.organization_id, k.name, k.role
                          from browser_session s
                          left join api_key k on k.id = s.api_key_id and k.revoked_at is null
                         where s.token_digest = ? and s.expires_at > now()
                           and s.last_used_at > now() - make_interval(secs => ?)
                        """, (rs, row) -> {
                    byte[] check = rs.getBytes("operator_check");
                    Caller caller = check != null
                            ? (MessageDigest.isEqual(check, operatorCheck(token)) ? Caller.operatorCaller() : null)
                            : rs.getString("id") == null ? null
                            : new Caller(rs.getString("organization_id"), rs.getString("id"), rs.getString("name"),
                            Role.valueOf(rs.getString("role")), false);
                    return new Resolved(caller, rs.getBoolean("stale"));
                }, (double) TOUCH_AFTER_SECONDS, digest, (double) settings.idleTimeout().toSeconds())
                .stream().filter(candidate -> candidate.caller() != null).findFirst();
        if (resolved.isPresent() && resolved.get().stale()) {
            jdbc.update("update browser_session set last_used_at = now() where token_digest = ?", digest);
        }
        return resolved.map(Resolved::caller);
    }

    /** HMAC-SHA256 of the token under the operator key: valid only while the operator key is the same. */
    private byte[] operatorCheck(String token) {
        if (operatorKey.isEmpty()) {
            return new byte[0];
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(operatorKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(token.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * Whether the {@code Origin} names the host the request was sent to. Compared with the {@code Host} header, which is
     * what the browser addressed, so that it holds behind a TLS-terminating proxy too.
     */
    private static boolean sameAuthority(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null) {
                return false;
            }
            boolean defaultPort = uri.getPort() == -1 || "http".equals(uri.getScheme()) && uri.getPort() == 80
                    || "https".equals(uri.getScheme()) && uri.getPort() == 443;
            String authority = uri.getHost() + (defaultPort ? "" : ":" + uri.getPort());
            return authority.equalsIgnoreCase(host.replaceFirst(":(80|443)$", ""));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
