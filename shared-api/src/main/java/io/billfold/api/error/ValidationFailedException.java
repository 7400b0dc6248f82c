package io.billfold.api.error;

import java.util.List;

/** One or more fields of a request are invalid; every invalid field is listed, not only the first. */
@ApiError(kind = ErrorKind.INVALID, code = "validation_failed")
public class ValidationFailedException extends BillfoldException {

    private final List<FieldError> errors;

    public ValidationFailedException(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public ValidationFailedException(FieldError error) {
        this(List.of(error));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        return errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
    }
}
