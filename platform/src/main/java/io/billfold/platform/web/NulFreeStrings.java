package io.billfold.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every string field of a request body, ids included, is refused when it holds a NUL: PostgreSQL text cannot store
 * one, so it would otherwise fail in the database (a lookup by id, a lock on it) instead of as the client's mistake.
 */
class NulFreeStrings extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = super.deserialize(parser, context);
        if (value != null && value.indexOf('\0') >= 0) {
            throw new NulInTextException(parser);
        }
        return value;
    }

    /** Answered as 422 {@code invalid_value} on the field's path (see ProblemExceptionHandler). */
    static final class NulInTextException extends MismatchedInputException {

        static final String MESSAGE = "must not contain NUL characters";

        NulInTextException(JsonParser parser) {
            super(parser, MESSAGE, String.class);
        }
    }
}
