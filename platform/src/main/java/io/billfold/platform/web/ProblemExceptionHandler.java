package io.billfold.platform.web;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.common.AxonTransientException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.sql.SQLException;
import java.util.List;

/**
 * Turns every failure into a problem response. Rule violations map by their {@link BillfoldException#kind()};
 * framework failures caused by the client map to 4xx; only our own faults are 5xx, and those never echo internals.
 */
@RestControllerAdvice
public class ProblemExceptionHandler {

    /** Request attribute set when a failure is worth retrying the whole request for (see TransactionalRequests). */
    public static final String RETRYABLE = ProblemExceptionHandler.class.getName() + ".retryable";

    private static final String CLOSED_POOLED_CONNECTION = "Connection is closed";

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @ExceptionHandler(ValidationFailedException.class)
    ResponseEntity<Problem> validation(ValidationFailedException e) {
        return respond(Problem.of(422, e.code(), "The request is invalid", e.getMessage(), e.errors()));
    }

    @ExceptionHandler(BillfoldException.class)
    ResponseEntity<Problem> rule(BillfoldException e) {
        HttpStatus status = statusOf(e.kind());
        return respond(Problem.of(status.value(), e.code(), status.getReasonPhrase(), e.getMessage()));
    }

    /** The status every rule violation of a kind is answered with. */
    public static HttpStatus statusOf(ErrorKind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** No aggregate with that id, or (an id of another kind, e.g. a customer's id used as a wallet's) not of that kind. */
    @ExceptionHandler({AggregateNotFoundException.class, IncompatibleAggregateException.class})
    ResponseEntity<Problem> aggregateNotFound(Exception e) {
        return respond(Problem.of(404, "not_found", "Not Found", "No such resource"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Problem> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return respond(invalidField(pathOf(unknown), "unknown_field", "is not a known field"));
        }
        if (cause instanceof NulFreeStrings.NulInTextException nul) {
            return respond(invalidField(pathOf(nul), "invalid_value", NulFreeStrings.NulInTextException.MESSAGE));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return respond(invalidField(pathOf(mismatch), "invalid_type", "has the wrong type"));
        }
        if (cause instanceof StreamReadException || cause instanceof JacksonException) {
            return respond(Problem.of(400, "malformed_json", "Malformed JSON", "The request body is not valid JSON"));
        }
        return respond(Problem.of(400, "malformed_body", "Bad Request", "The request body is missing or unreadable"));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Problem> uploadTooLarge(MaxUploadSizeExceededException e) {
        return respond(Problem.of(413, "payload_too_large", "Payload Too Large",
                "The uploaded file exceeds " + e.getMaxUploadSize() + " bytes"));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Problem> missingPart(MissingServletRequestPartException e) {
        return respond(invalidField(e.getRequestPartName(), "required", "is required"));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Problem> malformedMultipart(MultipartException e) {
        return respond(Problem.of(400, "malformed_body", "Bad Request", "The multipart request body cannot be read"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Problem> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(Problem.of(415, "unsupported_media_type", "Unsupported Media Type",
                "Supported: " + e.getSupportedMediaTypes()));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Problem> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(Problem.of(406, "not_acceptable", "Not Acceptable",
                "Available: " + e.getSupportedMediaTypes()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Problem> method(HttpRequestMethodNotSupportedException e) {
        return respond(Problem.of(405, "method_not_allowed", "Method Not Allowed",
                e.getMethod() + " is not supported here"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Problem> noResource(NoResourceFoundException e) {
        return respond(Problem.of(404, "not_found", "Not Found", "No such resource"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Problem> missingParameter(MissingServletRequestParameterException e) {
        return respond(invalidField(e.getParameterName(), "required", "is required"));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Problem> missingHeader(MissingRequestHeaderException e) {
        return respond(invalidField(e.getHeaderName(), "required", "is required"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Problem> parameterType(MethodArgumentTypeMismatchException e) {
        return respond(invalidField(e.getName(), "invalid_type", "has the wrong type"));
    }

    @ExceptionHandler({ConcurrencyFailureException.class, AxonTransientException.class})
    ResponseEntity<Problem> concurrentChange(Exception e, HttpServletRequest request) {
        request.setAttribute(RETRYABLE, Boolean.TRUE);
        return respond(Problem.of(409, "concurrent_modification", "Conflict",
                "The resource was changed concurrently; retry the request"));
    }

    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class})
    ResponseEntity<Problem> databaseUnavailable(Exception e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return respond(Problem.databaseUnavailable());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> unexpected(Exception e) {
        if (lostTheDatabase(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unexpected failure", e);
        return respond(Problem.of(500, "internal_error", "Internal Server Error",
                "An unexpected error occurred; it has been logged with the request id"));
    }

    /**
     * A JDBC failure of the connection itself (SQLSTATE class 08) or of the server going down (57P), whatever wraps it:
     * Axon's event store works through JPA directly, so its failures arrive as Hibernate's exceptions, untranslated.
     * HikariCP reports a pooled connection it has already closed (after the database dropped it, mid-transaction)
     * with {@value #CLOSED_POOLED_CONNECTION} and no SQLSTATE at all (HikariCP 5.1, {@code ProxyConnection}), so that
     * message is recognised too; seen as a 500 in {@code chaos/db-outage.sh}.
     */
    private static boolean lostTheDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (sql.getSQLState() == null
                    ? CLOSED_POOLED_CONNECTION.equals(sql.getMessage())
                    : sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static Problem invalidField(String field, String code, String message) {
        return Problem.of(422, "validation_failed", "The request is invalid", field + ": " + message,
                List.of(new FieldError(field, code, message)));
    }

    /** The JSON path of the failing value in the API's own notation: {@code address.country}, {@code tax_info[0]}. */
    private static String pathOf(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    static ResponseEntity<Problem> respond(Problem problem) {
        return ResponseEntity.status(problem.status()).contentType(ProblemWriter.PROBLEM_JSON).body(problem);
    }
}
