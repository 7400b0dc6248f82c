package io.billfold.query.wallet;

import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.api.customer.CustomerResponse;
import io.billfold.api.customer.FindCustomerQuery;
import io.billfold.api.wallet.BalanceResponse;
import io.billfold.api.wallet.FindCustomerWalletsQuery;
import io.billfold.api.wallet.FindWalletBalanceQuery;
import io.billfold.api.wallet.FindHoldQuery;
import io.billfold.api.wallet.FindWalletGrantsQuery;
import io.billfold.api.wallet.FindWalletHoldsQuery;
import io.billfold.api.wallet.FindWalletQuery;
import io.billfold.api.wallet.GrantPage;
import io.billfold.api.wallet.HoldNotFoundException;
import io.billfold.api.wallet.HoldPage;
import io.billfold.api.wallet.HoldResponse;
import io.billfold.api.wallet.FindWalletTransactionsQuery;
import io.billfold.api.wallet.TransactionFilter;
import io.billfold.api.wallet.TransactionPage;
import io.billfold.api.wallet.WalletNotFoundException;
import io.billfold.api.wallet.WalletPage;
import io.billfold.api.wallet.WalletResponse;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.openapi.Paginated;
import io.billfold.platform.openapi.Raises;
import io.billfold.platform.web.QueryParameters;
import io.billfold.platform.web.QueryResults;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Wallet reads over HTTP: balances, ledgers, balance at an instant, and the audit trail (JSON or CSV). */
@RestController
@Tag(name = "Wallets")
class WalletQueryController {

    private static final Set<String> TYPES = Set.of("credit", "debit", "expiry");
    private static final Set<String> GRANT_STATUSES = Set.of("active", "consumed", "expired");
    private static final Set<String> HOLD_STATUSES = Set.of("active", "captured", "released", "expired");

    private final QueryGateway queries;
    private final AuditCsv auditCsv;

    WalletQueryController(QueryGateway queries, AuditCsv auditCsv) {
        this.queries = queries;
        this.auditCsv = auditCsv;
    }

    @GetMapping("/v1/wallets/{id}")
    @Operation(operationId = "getWallet", summary = "Get a wallet and its balance")
    @Raises(WalletNotFoundException.class)
    WalletResponse wallet(@PathVariable String id) {
        WalletResponse wallet = QueryResults.join(queries.query(new FindWalletQuery(CallerContext.organizationId(), id),
                ResponseTypes.instanceOf(WalletResponse.class)));
        if (wallet == null) {
            throw new WalletNotFoundException(id);
        }
        return wallet;
    }

    @GetMapping("/v1/customers/{customerId}/wallets")
    @Operation(operationId = "listCustomerWallets", summary = "The wallets of a customer")
    @Raises(CustomerNotFoundException.class)
    WalletPage customerWallets(@PathVariable String customerId) {
        CustomerResponse customer = QueryResults.join(queries.query(
                new FindCustomerQuery(CallerContext.organizationId(), customerId),
                ResponseTypes.instanceOf(CustomerResponse.class)));
        if (customer == null) {
            throw new CustomerNotFoundException(customerId);
        }
        return QueryResults.join(queries.query(new FindCustomerWalletsQuery(CallerContext.organizationId(), customerId),
                ResponseTypes.instanceOf(WalletPage.class)));
    }

    @GetMapping("/v1/wallets/{id}/transactions")
    @Operation(operationId = "listWalletTransactions", summary = "A wallet's ledger, newest first")
    @Paginated
    @Raises(WalletNotFoundException.class)
    @Parameters({
            @Parameter(name = "type", in = ParameterIn.QUERY, description = "Only credits, only debits or only expiries", schema = @Schema(allowableValues = {"credit", "debit", "expiry"})),
            @Parameter(name = "reason", in = ParameterIn.QUERY, description = "Only entries with this reason"),
            @Parameter(name = "from", in = ParameterIn.QUERY, description = "Occurred at or after this instant (ISO-8601 with offset)", schema = @Schema(type = "string", format = "date-time")),
            @Parameter(name = "to", in = ParameterIn.QUERY, description = "Occurred before this instant (ISO-8601 with offset)", schema = @Schema(type = "string", format = "date-time"))})
    TransactionPage transactions(@PathVariable String id, @RequestParam Map<String, String> parameters) {
        wallet(id);
        TransactionFilter filter = new TransactionFilter(id, null, null, oneOf("type", parameters.get("type"), TYPES),
                parameters.get("reason"), QueryParameters.instant("from", parameters.get("from")),
                QueryParameters.instant("to", parameters.get("to")));
        return page(filter, parameters);
    }

    @GetMapping("/v1/wallets/{id}/grants")
    @Operation(operationId = "listWalletGrants", summary = "A wallet's grants, oldest first")
    @Paginated
    @Raises(WalletNotFoundException.class)
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "Only grants in this state",
            schema = @Schema(allowableValues = {"active", "consumed", "expired"}))
    GrantPage grants(@PathVariable String id, @RequestParam Map<String, String> parameters) {
        wallet(id);
        return QueryResults.join(queries.query(new FindWalletGrantsQuery(CallerContext.organizationId(), id,
                        oneOf("status", parameters.get("status"), GRANT_STATUSES),
                        QueryParameters.page(parameters.get("limit"), parameters.get("starting_after"))),
                ResponseTypes.instanceOf(GrantPage.class)));
    }

    @GetMapping("/v1/wallets/{id}/holds")
    @Operation(operationId = "listWalletHolds", summary = "A wallet's holds, newest first")
    @Paginated
    @Raises(WalletNotFoundException.class)
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "Only holds in this state",
            schema = @Schema(allowableValues = {"active", "captured", "released", "expired"}))
    HoldPage holds(@PathVariable String id, @RequestParam Map<String, String> parameters) {
        wallet(id);
        return QueryResults.join(queries.query(new FindWalletHoldsQuery(CallerContext.organizationId(), id,
                        oneOf("status", parameters.get("status"), HOLD_STATUSES),
                        QueryParameters.page(parameters.get("limit"), parameters.get("starting_after"))),
                ResponseTypes.instanceOf(HoldPage.class)));
    }

    @GetMapping("/v1/holds/{id}")
    @Operation(operationId = "getHold", summary = "Get a hold")
    @Raises(HoldNotFoundException.class)
    HoldResponse hold(@PathVariable String id) {
        HoldResponse hold = QueryResults.join(queries.query(new FindHoldQuery(CallerContext.organizationId(), id),
                ResponseTypes.instanceOf(HoldResponse.class)));
        if (hold == null) {
            throw new HoldNotFoundException(id);
        }
        return hold;
    }

    @GetMapping("/v1/wallets/{id}/balance")
    @Operation(operationId = "getWalletBalance", summary = "The balance of a wallet as it stood at an instant")
    @Raises(WalletNotFoundException.class)
    BalanceResponse balance(@PathVariable String id,
                            @Parameter(description = "The instant (ISO-8601 with offset); default now",
                                    schema = @Schema(type = "string", format = "date-time"))
                            @RequestParam(required = false) String at) {
        Instant instant = at == null ? Instant.now() : QueryParameters.instant("at", at);
        BalanceResponse balance = QueryResults.join(queries.query(
                new FindWalletBalanceQuery(CallerContext.organizationId(), id, instant),
                ResponseTypes.instanceOf(BalanceResponse.class)));
        if (balance == null) {
            throw new WalletNotFoundException(id);
        }
        return balance;
    }

    @GetMapping(path = "/v1/audit/wallet-adjustments", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listWalletAdjustments",
            summary = "The organization's audit trail of wallet adjustments, newest first",
            description = "With Accept: text/csv, the whole trail matching the filters as a CSV download.")
    @Paginated
    @Parameters({
            @Parameter(name = "wallet_id", in = ParameterIn.QUERY, description = "Only this wallet"),
            @Parameter(name = "customer_id", in = ParameterIn.QUERY, description = "Only this customer's wallets"),
            @Parameter(name = "actor", in = ParameterIn.QUERY, description = "Only adjustments made with this API key id"),
            @Parameter(name = "type", in = ParameterIn.QUERY, description = "Only credits, only debits or only expiries", schema = @Schema(allowableValues = {"credit", "debit", "expiry"})),
            @Parameter(name = "reason", in = ParameterIn.QUERY, description = "Only entries with this reason"),
            @Parameter(name = "from", in = ParameterIn.QUERY, description = "Occurred at or after this instant (ISO-8601 with offset)", schema = @Schema(type = "string", format = "date-time")),
            @Parameter(name = "to", in = ParameterIn.QUERY, description = "Occurred before this instant (ISO-8601 with offset)", schema = @Schema(type = "string", format = "date-time"))})
    TransactionPage audit(@RequestParam Map<String, String> parameters) {
        return page(auditFilter(parameters), parameters);
    }

    @GetMapping(path = "/v1/audit/wallet-adjustments", produces = "text/csv")
    @Operation(operationId = "listWalletAdjustments", responses = @ApiResponse(responseCode = "200",
            description = "The audit trail as CSV", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = "string"))))
    ResponseEntity<StreamingResponseBody> auditCsv(@RequestParam Map<String, String> parameters) {
        TransactionFilter filter = auditFilter(parameters);
        String organizationId = CallerContext.organizationId();
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"wallet-adjustments.csv\"")
                .body(out -> auditCsv.write(organizationId, filter, out));
    }

    private TransactionPage page(TransactionFilter filter, Map<String, String> parameters) {
        return QueryResults.join(queries.query(new FindWalletTransactionsQuery(CallerContext.organizationId(), filter,
                        QueryParameters.page(parameters.get("limit"), parameters.get("starting_after"))),
                ResponseTypes.instanceOf(TransactionPage.class)));
    }

    private static TransactionFilter auditFilter(Map<String, String> parameters) {
        return new TransactionFilter(parameters.get("wallet_id"), parameters.get("customer_id"),
                parameters.get("actor"), oneOf("type", parameters.get("type"), TYPES), parameters.get("reason"),
                QueryParameters.instant("from", parameters.get("from")),
                QueryParameters.instant("to", parameters.get("to")));
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw QueryParameters.invalid(name, "must be one of " + String.join(", ", allowed));
        }
        return value;
    }
}
