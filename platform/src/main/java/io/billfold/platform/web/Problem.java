package io.billfold.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.billfold.api.error.FieldError;

import java.util.List;

/**
 * An RFC 9457 problem response with Billfold's stable {@code code} and, for validation failures, the invalid
 * fields. Written as {@code application/problem+json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors,
                      String requestId) {

    /** A problem's {@code type} is this followed by its code. */
    public static final String TYPE_PREFIX = "urn:billfold:problem:";

    public static Problem of(int status, String code, String title, String detail) {
        return of(status, code, title, detail, null);
    }

    /** The 503 for a database that is down, or has no connection free in time. */
    static Problem databaseUnavailable() {
        return of(503, "service_unavailable", "Service Unavailable", "The database is not reachable; retry later");
    }

    public static Problem of(int status, String code, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + code, title, status, detail, code,
                errors == null || errors.isEmpty() ? null : List.copyOf(errors), RequestIds.current());
    }
}
