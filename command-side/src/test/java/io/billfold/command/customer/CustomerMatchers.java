package io.billfold.command.customer;

import static io.billfold.command.RuleMatchers.satisfying;
import static org.assertj.core.api.Assertions.assertThat;

import io.billfold.api.contact.ContactResponse;
import io.billfold.api.customer.CustomerResponse;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;
import org.hamcrest.Matcher;

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
}
