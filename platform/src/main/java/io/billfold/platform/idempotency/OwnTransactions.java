package io.billfold.platform.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks endpoints (a controller's, or one method) that run their own transactions and read their own body, so that
 * {@link TransactionalRequests} leaves them alone: a body far beyond what may be buffered in memory, such as a
 * customer import file streamed into PostgreSQL, which enforces its own size limit. Authentication and roles still
 * apply.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OwnTransactions {
}
