package io.billfold.platform.web;

import io.billfold.api.PageRequest;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads query parameters strictly: a malformed value is a 422 naming the parameter, never ignored. */
public final class QueryParameters {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private QueryParameters() {
    }

    public static PageRequest page(String limit, String startingAfter) {
        int size = PageRequest.DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > PageRequest.MAX_LIMIT) {
                throw invalid("limit", "must be a whole number from 1 to " + PageRequest.MAX_LIMIT);
            }
        }
        if (startingAfter != null && (startingAfter.isBlank() || startingAfter.length() > 255)) {
            throw invalid("starting_after", "must be the id of an item of the previous page");
        }
        return new PageRequest(size, startingAfter);
    }

    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 timestamp with offset, e.g. 2026-01-31T12:00:00Z");
        }
        // Java reaches a billion years either side; PostgreSQL's timestamptz does not, and no record predates year 1.
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw invalid(name, "must be a timestamp between the years 1 and 9999");
        }
        return instant;
    }

    public static Boolean bool(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "must be true or false");
        };
    }

    public static ValidationFailedException invalid(String name, String message) {
        return new ValidationFailedException(new FieldError(name, "invalid_value", message));
    }
}
