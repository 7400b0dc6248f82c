package io.billfold.command.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import io.billfold.api.wallet.TransactionResponse;
import io.billfold.command.RuleMatchers;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.function.Consumer;

/** Hamcrest matchers for the failures of the wallet aggregate's test fixtures. */
final class WalletMatchers {

    private WalletMatchers() {
    }

    /** A ledger entry returned by a command, satisfying these AssertJ assertions. */
    static Matcher<TransactionResponse> transaction(Consumer<TransactionResponse> assertions) {
        return RuleMatchers.satisfying(TransactionResponse.class, assertions);
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

    /** A thrown validation failure with exactly one field error: this field and code. */
    static void assertValidationFailure(Throwable thrown, String field, String code) {
        assertThat(thrown).isInstanceOfSatisfying(ValidationFailedException.class, exception -> {
            assertThat(exception.kind()).isEqualTo(ErrorKind.INVALID);
            assertThat(exception.code()).isEqualTo("validation_failed");
            assertThat(exception.errors()).extracting(FieldError::field, FieldError::code)
                    .containsExactly(tuple(field, code));
        });
    }
}
