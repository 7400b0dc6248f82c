package io.billfold.platform.idempotency;

import io.billfold.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class TransactionalRequestsTest {

    @OwnTransactions
    @RestController
    static class StreamedUploads {
        @PostMapping("/v1/uploads/{id}")
        void upload() {
        }

        @DeleteMapping("/v1/uploads/{id}")
        void delete() {
        }
    }

    @RestController
    static class Archives {
        @OwnTransactions
        @PostMapping("/v1/archives")
        void upload() {
        }

        @PostMapping("/v1/archives/{id}/restore")
        void restore() {
        }
    }

    @Test
    void endpointsMarkedOwnTransactionsAreLeftToRunTheirOwn() {
        StaticApplicationContext context = new StaticApplicationContext();
        context.registerSingleton("streamedUploads", StreamedUploads.class);
        context.registerSingleton("archives", Archives.class);
        RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        TransactionalRequests filter = new TransactionalRequests(mock(PlatformTransactionManager.class),
                mock(IdempotencyStore.class), mock(ProblemWriter.class), SETTINGS,
                new StaticListableBeanFactory(Map.of("mapping", mapping))
                        .getBeanProvider(RequestMappingHandlerMapping.class));

        assertThat(filter.shouldNotFilter(new MockHttpServletRequest("POST", "/v1/uploads/upl_1"))).isTrue();
        assertThat(filter.shouldNotFilter(new MockHttpServletRequest("DELETE", "/v1/uploads/upl_1"))).isTrue();
        assertThat(filter.shouldNotFilter(new MockHttpServletRequest("POST", "/v1/archives"))).isTrue();
        assertThat(filter.shouldNotFilter(new MockHttpServletRequest("POST", "/v1/archives/arc_1/restore")))
                .as("an endpoint of the same controller without the mark").isFalse();
        assertThat(filter.shouldNotFilter(new MockHttpServletRequest("POST", "/v1/customers"))).isFalse();
    }

    @Test
    void aCommitThatFailsWithTheDatabaseIsAnswered503NotTheHandlersSuccess() throws Exception {
        PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
        when(transactions.getTransaction(any())).thenAnswer(invocation -> new SimpleTransactionStatus());
        doThrow(new DataAccessResourceFailureException("FATAL: terminating connection due to administrator command"))
                .when(transactions).commit(any());
        ProblemWriter problems = mock(ProblemWriter.class);
        TransactionalRequests filter = filter(transactions, problems);

        filter.doFilter(post("{\"customer_name\": \"x\"}"), new MockHttpServletResponse(),
                (req, res) -> ((HttpServletResponse) res).setStatus(201));

        verify(problems).write(any(), argThat(problem -> problem.status() == 503
                && problem.code().equals("service_unavailable")));
    }

    @Test
    void aDatabaseFailureOutsideAnyHandlerIsAnswered503() throws Exception {
        PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
        when(transactions.getTransaction(any())).thenAnswer(invocation -> new SimpleTransactionStatus());
        ProblemWriter problems = mock(ProblemWriter.class);
        TransactionalRequests filter = filter(transactions, problems);

        filter.doFilter(post("{}"), new MockHttpServletResponse(), (req, res) -> {
            throw new DataAccessResourceFailureException("FATAL: terminating connection due to administrator command");
        });

        verify(problems).databaseUnavailable(any(), any(DataAccessResourceFailureException.class));
    }

    @Test
    void aRollbackOnAConnectionTheDatabaseClosedLeavesTheHandlersAnswer() throws Exception {
        PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
        when(transactions.getTransaction(any())).thenAnswer(invocation -> new SimpleTransactionStatus());
        doThrow(new JpaSystemException(new RuntimeException("Unable to rollback against JDBC Connection")))
                .when(transactions).rollback(any());
        TransactionalRequests filter = filter(transactions, mock(ProblemWriter.class));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(post("{\"customer_name\": \"x\"}"), response, (req, res) -> ((HttpServletResponse) res).setStatus(503));

        assertThat(response.getStatus()).isEqualTo(503);
    }

    private static final RequestSettings SETTINGS =
            new RequestSettings(1024, new RequestSettings.Idempotency(Duration.ofHours(48)));

    private static TransactionalRequests filter(PlatformTransactionManager transactions, ProblemWriter problems) {
        return new TransactionalRequests(transactions, mock(IdempotencyStore.class), problems, SETTINGS,
                new StaticListableBeanFactory().getBeanProvider(RequestMappingHandlerMapping.class));
    }

    private static MockHttpServletRequest post(String json) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/customers");
        request.setContentType("application/json");
        request.setContent(json.getBytes());
        return request;
    }
}
