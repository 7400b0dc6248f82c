package io.billfold.command.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsInAnyOrder;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import io.billfold.api.wallet.TransactionResponse;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Hamcrest matchers for the failures of the wallet aggregate's test fixtures. */
final class WalletMatchers {

    private WalletMatchers() {
    }

    /** A ledger entry returned by a command, satisfying these AssertJ assertions. */
    static Matcher<TransactionResponse> transaction(Consumer<TransactionResponse> assertions) {
        return new TypeSafeDiagnosingMatcher<>(TransactionResponse.class) {
            @Override
            protected boolean matchesSafely(TransactionResponse item, Description mismatch) {
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
                description.appendText("a TransactionResponse satisfying the assertions");
            }
        };
    }

    record ExpectedError(String field, String code) {
    }

    static ExpectedError error(String field, String code) {
        return new ExpectedError(field, code);
    }

    /** A rule violation of this kind and code, and with this message. */
    static Matcher<BillfoldException> billfoldError(ErrorKind kind, String code, String message) {
        return new TypeSafeDiagnosingMatcher<>(BillfoldException.class) {
            @Override
            protected boolean matchesSafely(BillfoldException exception, Description mismatch) {
                if (exception.kind() != kind || !code.equals(exception.code())
                        || !message.equals(exception.getMessage())) {
                    mismatch.appendText("failed with ").appendValue(exception.kind()).appendText(" ")
                            .appendValue(exception.code()).appendText(" ").appendValue(exception.getMessage());
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a ").appendValue(kind).appendText(" ").appendValue(code).appendText(" ")
                        .appendValue(message);
            }
        };
    }

    /** A validation failure listing exactly these field errors (field path and code), in any order. */
    static Matcher<ValidationFailedException> validationFailure(ExpectedError... expected) {
        Matcher<Iterable<? extends ExpectedError>> errors = containsInAnyOrder(expected);
        return new TypeSafeDiagnosingMatcher<>(ValidationFailedException.class) {
            @Override
            protected boolean matchesSafely(ValidationFailedException exception, Description mismatch) {
                List<ExpectedError> actual = exception.errors().stream()
                        .map(fieldError -> new ExpectedError(fieldError.field(), fieldError.code()))
                        .toList();
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

    /** The AssertJ counterpart of {@link #validationFailure}, for failures thrown outside a fixture. */
    static void assertValidationFailure(Throwable thrown, String field, String code) {
        assertThat(thrown).isInstanceOfSatisfying(ValidationFailedException.class, exception -> {
            assertThat(exception.kind()).isEqualTo(ErrorKind.INVALID);
            assertThat(exception.code()).isEqualTo("validation_failed");
            assertThat(exception.errors()).extracting(FieldError::field, FieldError::code)
                    .containsExactly(tuple(field, code));
        });
    }
}
