package io.billfold.api.error;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a request's field rules one after the other and keeps going past a failure, so that a rejection lists every
 * invalid field of the request at once, not only the first.
 */
public final class FieldChecks {

    private final List<FieldError> errors = new ArrayList<>();

    /** The rule's result, or null when it failed (its errors are kept). */
    public <T> T check(Supplier<T> rule) {
        try {
            return rule.get();
        } catch (ValidationFailedException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /** Runs a rule that only checks. */
    public void check(Runnable rule) {
        check(() -> {
            rule.run();
            return null;
        });
    }

    /** Keeps an error found without running a rule. */
    public void add(FieldError error) {
        errors.add(error);
    }

    public boolean failed() {
        return !errors.isEmpty();
    }

    /** Fails with every error kept so far, if there is any. */
    public void throwIfFailed() {
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
    }
}
