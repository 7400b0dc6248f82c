package io.billfold.platform.web;

import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemExceptionHandlerTest {

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler();

    @Test
    void aLostDatabaseConnectionIs503WhateverWrapsIt() {
        // As the event store's JPA access reports a pooled connection PostgreSQL closed while it was down.
        Exception closed = new GenericJDBCException("Could not prepare statement",
                new SQLException("Connection is closed", "08003"));
        assertThat(handler.unexpected(closed).getStatusCode().value()).isEqualTo(503);
        assertThat(handler.unexpected(closed).getBody().code()).isEqualTo("service_unavailable");

        // HikariCP's own closed connection, used again within the transaction it was lent to: no SQLSTATE at all.
        Exception closedByPool = new GenericJDBCException("Could not prepare statement [Connection is closed]",
                new SQLException("Connection is closed"));
        assertThat(handler.unexpected(closedByPool).getStatusCode().value()).isEqualTo(503);

        Exception shutdown = new IllegalStateException(new SQLException("terminating connection", "57P01"));
        assertThat(handler.unexpected(shutdown).getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void anyOtherFailureStays500() {
        Exception constraint = new GenericJDBCException("insert failed", new SQLException("check violation", "23514"));
        assertThat(handler.unexpected(constraint).getStatusCode().value()).isEqualTo(500);
        Exception stateless = new GenericJDBCException("insert failed", new SQLException("something else"));
        assertThat(handler.unexpected(stateless).getStatusCode().value()).isEqualTo(500);
    }
}
