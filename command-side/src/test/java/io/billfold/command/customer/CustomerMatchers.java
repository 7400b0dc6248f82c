package io.billfold.command.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;

import io.billfold.api.contact.ContactResponse;
import io.billfold.api.customer.CustomerResponse;
import io.billfold.api.error.BillfoldException;
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

/** Hamcrest matchers for the results and failures of the customer aggregate's test fixtures. */
final class CustomerMatchers {

    private CustomerMatchers() {
    }

    static Matcher<CustomerResponse> response(Consumer<CustomerResponse> assertions) {
        return satisfying(CustomerResponse.class, assertions);
    }

    static Matcher<ContactResponse> contactResponse(Consumer<ContactResponse> assertions) {
        return satisfying(ContactResponse.class, assertions);
    }

    static Matcher<BillfoldException> billfoldError(ErrorKind kind, String code) {
        return satisfying(BillfoldException.class, exception -> {
            assertThat(exception.kind()).isEqualTo(kind);
            assertThat(exception.code()).isEqualTo(code);
        });
    }

    record ExpectedError(String field, String code) {
    }

    static ExpectedError error(String field, String code) {
        return new ExpectedError(field, code);
    }

    /** A validation failure listing exactly these field errors (field path and code), in any order. */
    static Matcher<ValidationFailedException> validationFailure(ExpectedError... expected) {
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
    static <T> Matcher<T> satisfying(Class<T> type, Consumer<T> assertions) {
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
