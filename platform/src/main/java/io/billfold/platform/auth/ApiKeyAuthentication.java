package io.billfold.platform.auth;

import io.billfold.platform.web.Problem;
import io.billfold.platform.web.ProblemWriter;
import io.billfold.platform.web.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates every {@code /v1} request by its API key ({@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}), or, when it presents none, by the console's session (see {@link BrowserSessions}), and
 * runs it as that caller. Missing or unknown key: 401.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyAuthentication extends OncePerRequestFilter {

    static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private final ApiKeyStore keys;
    private final BrowserSessions sessions;
    private final ProblemWriter problems;
    private final String operatorKey;

    ApiKeyAuthentication(ApiKeyStore keys, BrowserSessions sessions, ProblemWriter problems,
                         KeySettings settings) {
        this.keys = keys;
        this.sessions = sessions;
        this.problems = problems;
        this.operatorKey = settings.operatorKey();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller;
        try {
            Optional<String> key = presentedKey(request);
            caller = key.isPresent() ? key.flatMap(this::authenticate) : sessions.caller(request);
        } catch (DataAccessException e) {
            problems.databaseUnavailable(response, e);
            return;
        }
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(response, Problem.of(401, "unauthenticated", "Unauthorized",
                    "Send a valid API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"));
            return;
        }
        CallerContext.Current current = new CallerContext.Current(caller.get(), RequestIds.current(),
                "POST".equals(request.getMethod()) ? request.getHeader(IDEMPOTENCY_KEY_HEADER) : null);
        try (CallerContext.Scope scope = CallerContext.open(current)) {
            chain.doFilter(request, response);
        }
    }

    private Optional<Caller> authenticate(String key) {
        if (ApiKeySecrets.matches(operatorKey, key)) {
            return Optional.of(Caller.operatorCaller());
        }
        return keys.authenticate(key);
    }

    static Optional<String> presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return nonBlank(authorization.substring(7).trim());
        }
        return nonBlank(request.getHeader("X-API-Key"));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() || value.length() > 512 ? Optional.empty() : Optional.of(value.trim());
    }
}
