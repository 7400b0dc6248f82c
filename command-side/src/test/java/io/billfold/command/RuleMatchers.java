package io.billfold.command;

import io.billfold.api.error.ErrorKind;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.hamcrest.Matchers.containsInAnyOrder;

/** Hamcrest matchers for the rule violations and results the command side's aggregate fixtures expect. */
public final class RuleMatchers {

    private RuleMatchers() {
    }

    public record ExpectedError(String field, String code) {
    }

    public static ExpectedError error(String field, String code) {
        return new ExpectedError(field, code);
    }

    /** A validation failure listing exactly these field errors (field path and code), in any order. */
    public static Matcher<ValidationFailedException> validationFailure(ExpectedError... expected) {
        Matcher<Iterable<? extends ExpectedError>> errors = containsInAnyOrder(expected);
        return new TypeSafeDiagnosingMatcher<>(ValidationFailedException.class) {
            @Override
            protected boolean matchesSafely(ValidationFailedException exception, Description mismatch) {
                List<ExpectedError> actual = new ArrayList<>();
                for (FieldError fieldError : exception.errors()) {
                    actual.add(new ExpectedError(fieldError.field(), fieldError.code()));
                }
                if (!errors.matches(actual) || !"validation_failed".equals(exception.code())
                        || exception.kind() != ErrorKind.INVALID) {
                    mismatch.appendText("failed with ").appendValue(exception.code()).appendText(" ")
                            .appendValue(exception.errors());
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a ValidationFailedException listing ").appendValue(Arrays.asList(expected));
            }
        };
    }

    /** A hamcrest matcher running AssertJ assertions, so that a mismatch reports what AssertJ found. */
    public static <T> Matcher<T> satisfying(Class<T> type, Consumer<T> assertions) {
        return new TypeSafeDiagnosingMatcher<>(type) {
            @Override
            protected boolean matchesSafely(T item, Description mismatch) {
                try {
                    assertions.accept(item);
                    return true;
                } catch (AssertionError e) {
                    mismatch.appendText(e.getMessage());
                    return false;
                }
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + type.getSimpleName() + " satisfying the assertions");
            }
        };
    }
}
