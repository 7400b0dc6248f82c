package io.billfold.platform.idempotency;

import io.billfold.api.error.FieldError;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.web.CommandResponses;
import io.billfold.platform.web.JsonText;
import io.billfold.platform.web.Problem;
import io.billfold.platform.web.ProblemExceptionHandler;
import io.billfold.platform.web.ProblemWriter;
import io.billfold.platform.web.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every state-changing {@code /v1} request runs in one database transaction: the events its command appends, the
 * command side's lookup rows and, for a POST with an {@code Idempotency-Key}, its stored response commit together
 * or not at all. Anything but a 2xx rolls back, so a rejected request changes nothing. A request that lost a race
 * (two nodes appending to one aggregate) is retried whole. The response reaches the client only after the commit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
@EnableConfigurationProperties(RequestSettings.class)
class TransactionalRequests extends OncePerRequestFilter {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String POSITION = CommandResponses.POSITION_HEADER;
    private static final int MAX_ATTEMPTS = 8;
    /**
     * Rejections a retry would meet again (the request itself is at fault), so they are the first response a retry
     * gets. Not remembered: conflicts, missing resources and permissions, which may be different on a retry.
     */
    private static final Set<Integer> REMEMBERED_REJECTIONS = Set.of(400, 413, 415, 422);
    private static final Logger log = LoggerFactory.getLogger(TransactionalRequests.class);

    private final PlatformTransactionManager transactions;
    private final IdempotencyStore idempotency;
    private final ProblemWriter problems;
    private final int maxRequestBytes;
    private final ObjectProvider<RequestMappingHandlerMapping> handlerMappings;
    /** The endpoints marked {@link OwnTransactions}, found once the handler mappings exist. */
    private volatile List<RequestMappingInfo> ownTransactions;

    TransactionalRequests(PlatformTransactionManager transactions, IdempotencyStore idempotency,
                          ProblemWriter problems, RequestSettings settings,
                          ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
        this.transactions = transactions;
        this.idempotency = idempotency;
        this.problems = problems;
        this.maxRequestBytes = settings.maxRequestBytes();
        this.handlerMappings = handlerMappings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !covers(request.getMethod(), request.getRequestURI()) || runsOwnTransactions(request);
    }

    /**
     * Whether a request of this method to this path runs in a request transaction (and reads Idempotency-Key), unless
     * its endpoint is marked {@link OwnTransactions}.
     */
    static boolean covers(String method, String path) {
        return path.startsWith("/v1/") && !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }

    private boolean runsOwnTransactions(HttpServletRequest request) {
        List<RequestMappingInfo> endpoints = ownTransactions;
        if (endpoints == null) {
            endpoints = handlerMappings.orderedStream()
                    .flatMap(mapping -> mapping.getHandlerMethods().entrySet().stream())
                    .filter(endpoint -> endpoint.getValue().hasMethodAnnotation(OwnTransactions.class)
                            || AnnotatedElementUtils.hasAnnotation(endpoint.getValue().getBeanType(),
                            OwnTransactions.class))
                    .map(Map.Entry::getKey)
                    .toList();
            ownTransactions = endpoints;
        }
        if (endpoints.isEmpty()) {
            return false;
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        RequestMethod method = RequestMethod.resolve(request.getMethod());
        return endpoints.stream().anyMatch(endpoint -> endpoint.getMethodsCondition().getMethods().contains(method)
                && endpoint.getPathPatternsCondition() != null
                && endpoint.getPathPatternsCondition().getPatterns().stream()
                .anyMatch(pattern -> pattern.matches(path)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<byte[]> body = readBody(request);
        if (body.isEmpty()) {
            problems.write(response, Problem.of(413, "payload_too_large", "Payload Too Large",
                    "The request body exceeds " + maxRequestBytes + " bytes"));
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")
                && JsonText.escapesUnpairedSurrogate(body.get())) {
            problems.write(response, Problem.of(400, "malformed_json", "Malformed JSON",
                    "The request body escapes half a surrogate pair, which encodes no character"));
            return;
        }
        String key = "POST".equals(request.getMethod()) ? request.getHeader(IDEMPOTENCY_KEY) : null;
        if (key != null && (key.isEmpty() || key.length() > 255 || key.chars().anyMatch(Character::isISOControl))) {
            problems.write(response, Problem.of(422, "validation_failed", "The request is invalid",
                    "Idempotency-Key must be 1 to 255 characters, without control characters",
                    List.of(new FieldError(IDEMPOTENCY_KEY, "invalid_value",
                            "must be 1 to 255 characters, without control characters"))));
            return;
        }
        Idempotency idempotent = key == null ? null
                : new Idempotency(idempotencyScope(), key, fingerprint(request, body.get()));
        for (int attempt = 1; ; attempt++) {
            if (handleOnce(new BufferedRequest(request, body.get()), response, chain, idempotent,
                    attempt == MAX_ATTEMPTS)) {
                return;
            }
            log.debug("Retrying request after a concurrent change (attempt {})", attempt);
            backOff(attempt);
        }
    }

    /** Keys are per organization; the operator, who has none, has its own scope. */
    private static String idempotencyScope() {
        return CallerContext.current().map(current -> current.caller().operator()
                ? "operator" : current.caller().organizationId()).orElseThrow();
    }

    private record Idempotency(String scope, String key, byte[] fingerprint) {
    }

    /**
     * Runs one attempt; false when it lost a race and should be retried (the response is then reset). The last
     * attempt answers whatever happened: a race lost that often is reported as 409 {@code concurrent_modification}.
     */
    private boolean handleOnce(BufferedRequest request, HttpServletResponse response, FilterChain chain,
                               Idempotency idempotent, boolean lastAttempt) throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        TransactionStatus transaction = transactions.getTransaction(
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
        try {
            if (idempotent != null && answeredBefore(idempotent, response)) {
                transactions.rollback(transaction);
                return true;
            }
            chain.doFilter(request, captured);
        } catch (DataAccessException e) {
            // The database failed outside any handler (the Idempotency-Key lookup, say): the client's fault it is not.
            rollbackQuietly(transaction);
            resetForRetry(request, response);
            problems.databaseUnavailable(response, e);
            return true;
        } catch (RuntimeException | ServletException | IOException e) {
            rollbackQuietly(transaction);
            throw e;
        }
        boolean retryable = Boolean.TRUE.equals(request.getAttribute(ProblemExceptionHandler.RETRYABLE));
        int status = captured.getStatus();
        if (status >= 200 && status < 300 && !transaction.isRollbackOnly()) {
            try {
                if (idempotent != null) {
                    idempotency.store(idempotent.scope(), idempotent.key(), toStored(idempotent, captured));
                }
                transactions.commit(transaction);
            } catch (DataAccessException | TransactionException e) {
                // Whether the commit happened is unknown (say the connection died in it): never a 2xx, never a 500.
                rollbackQuietly(transaction);
                resetForRetry(request, response);
                if (isRace(e) && !lastAttempt) {
                    return false;
                }
                if (!isRace(e)) {
                    log.warn("Commit failed, answered 503: {}", e.getMessage());
                }
                problems.write(response, isRace(e)
                        ? Problem.of(409, "concurrent_modification", "Conflict",
                        "The resource was changed concurrently; retry the request")
                        : Problem.of(503, "service_unavailable", "Service Unavailable",
                        "The change could not be committed; retry the request"));
                return true;
            }
            captured.copyBodyToResponse();
            return true;
        }
        rollbackQuietly(transaction);
        if (retryable && !lastAttempt) {
            resetForRetry(request, response);
            return false;
        }
        if (idempotent != null && !retryable && REMEMBERED_REJECTIONS.contains(status)) {
            storeRejection(idempotent, captured);
        }
        captured.copyBodyToResponse();
        return true;
    }

    /** Answers from the stored first response, or with 409/422; false when this key is new and the request runs. */
    private boolean answeredBefore(Idempotency idempotent, HttpServletResponse response) throws IOException {
        if (!idempotency.tryLock(idempotent.scope(), idempotent.key())) {
            problems.write(response, Problem.of(409, "idempotency_request_in_flight", "Conflict",
                    "A request with this Idempotency-Key is still being processed; retry later"));
            return true;
        }
        Optional<IdempotencyStore.StoredResponse> stored = idempotency.find(idempotent.scope(), idempotent.key());
        if (stored.isEmpty()) {
            return false;
        }
        if (!Arrays.equals(stored.get().fingerprint(), idempotent.fingerprint())) {
            problems.write(response, Problem.of(422, "idempotency_key_reused", "Idempotency-Key reused",
                    "This Idempotency-Key was used with a different request"));
            return true;
        }
        replay(stored.get(), response);
        return true;
    }

    private static void replay(IdempotencyStore.StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        response.setHeader("Idempotent-Replayed", "true");
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader("Location", stored.location());
        }
        if (stored.position() != null) {
            response.setHeader(POSITION, stored.position());
        }
        response.getOutputStream().write(stored.body());
    }

    private void storeRejection(Idempotency idempotent, ContentCachingResponseWrapper captured) {
        TransactionStatus transaction = transactions.getTransaction(
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
        try {
            idempotency.store(idempotent.scope(), idempotent.key(), toStored(idempotent, captured));
            transactions.commit(transaction);
        } catch (RuntimeException e) {
            // The rejection is still sent; a retry with this key runs the request again, which changes nothing new.
            rollbackQuietly(transaction);
            log.warn("Could not store the rejected response of an idempotent request: {}", e.getMessage());
        }
    }

    private static IdempotencyStore.StoredResponse toStored(Idempotency idempotent,
                                                            ContentCachingResponseWrapper captured) {
        return new IdempotencyStore.StoredResponse(idempotent.fingerprint(), captured.getStatus(),
                captured.getContentType(), captured.getHeader("Location"), captured.getHeader(POSITION),
                captured.getContentAsByteArray());
    }

    private void rollbackQuietly(TransactionStatus transaction) {
        if (transaction.isCompleted()) {
            return;
        }
        try {
            transactions.rollback(transaction);
        } catch (TransactionException | DataAccessException e) {
            // A connection the database closed cannot roll back, and needs not: nothing of it was committed.
            log.warn("Rollback failed: {}", e.getMessage());
        }
    }

    private static boolean isRace(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyFailureException
                    || cause instanceof org.axonframework.common.AxonTransientException) {
                return true;
            }
        }
        return false;
    }

    private static void resetForRetry(HttpServletRequest request, HttpServletResponse response) {
        request.removeAttribute(ProblemExceptionHandler.RETRYABLE);
        String requestId = RequestIds.current();
        response.reset();
        response.setHeader(RequestIds.HEADER, requestId);
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<byte[]> readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxRequestBytes) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxRequestBytes + 1);
            return body.length > maxRequestBytes ? Optional.empty() : Optional.of(body);
        }
    }

    private static byte[] fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String target = request.getMethod() + ' ' + request.getRequestURI() + '?'
                    + Optional.ofNullable(request.getQueryString()).orElse("") + '\n';
            digest.update(target.getBytes(StandardCharsets.UTF_8));
            return digest.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
