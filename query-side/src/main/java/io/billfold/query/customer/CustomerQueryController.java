package io.billfold.query.customer;

import io.billfold.api.Countries;
import io.billfold.api.customer.CustomerFilter;
import io.billfold.api.customer.CustomerHistoryPage;
import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.api.customer.CustomerPage;
import io.billfold.api.customer.CustomerResponse;
import io.billfold.api.customer.FindCustomerHistoryQuery;
import io.billfold.api.customer.FindCustomerQuery;
import io.billfold.api.customer.FindCustomersQuery;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.openapi.Paginated;
import io.billfold.platform.openapi.Raises;
import io.billfold.platform.web.QueryParameters;
import io.billfold.platform.web.QueryResults;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.Map;

/** Customer reads over HTTP: request parameters to queries, query results to responses. */
@RestController
@Tag(name = "Customers")
class CustomerQueryController {

    private static final String CUSTOM_DATA_PREFIX = "custom_data.";

    private final QueryGateway queries;

    CustomerQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/v1/customers/{id}")
    @Operation(operationId = "getCustomer", summary = "Get a customer")
    @Raises(CustomerNotFoundException.class)
    CustomerResponse get(@PathVariable String id) {
        CustomerResponse customer = QueryResults.join(queries.query(new FindCustomerQuery(CallerContext.organizationId(), id),
                ResponseTypes.instanceOf(CustomerResponse.class)));
        if (customer == null) {
            throw new CustomerNotFoundException(id);
        }
        return customer;
    }

    @GetMapping("/v1/customers")
    @Operation(operationId = "listCustomers", summary = "List customers, newest first",
            description = "Besides the parameters below, custom_data.<key>=<value> keeps customers whose custom_data "
                    + "has that top-level key with that string value (several combine).")
    @Paginated
    @Parameters({
            @Parameter(name = "email", in = ParameterIn.QUERY, description = "Exact email, compared case-insensitively"),
            @Parameter(name = "external_id", in = ParameterIn.QUERY, description = "Exact external_id"),
            @Parameter(name = "q", in = ParameterIn.QUERY, description = "Case-insensitive match on name, email or external_id"),
            @Parameter(name = "parent_customer_id", in = ParameterIn.QUERY, description = "Children of this customer"),
            @Parameter(name = "country", in = ParameterIn.QUERY, description = "Billing address country, ISO 3166-1 alpha-2 or alpha-3"),
            @Parameter(name = "tax_exempt", in = ParameterIn.QUERY, description = "Whether custom_data.exempt_tax is true", schema = @Schema(type = "boolean")),
            @Parameter(name = "business_entity_id", in = ParameterIn.QUERY, description = "Exact business_entity_id"),
            @Parameter(name = "include_archived", in = ParameterIn.QUERY, description = "Also list archived customers (default false)", schema = @Schema(type = "boolean")),
            @Parameter(name = "created_after", in = ParameterIn.QUERY, description = "Created at or after this instant (ISO-8601 with offset)", schema = @Schema(type = "string", format = "date-time")),
            @Parameter(name = "created_before", in = ParameterIn.QUERY, description = "Created before this instant (ISO-8601 with offset)", schema = @Schema(type = "string", format = "date-time"))})
    CustomerPage list(@RequestParam Map<String, String> parameters) {
        Map<String, String> customData = new HashMap<>();
        parameters.forEach((name, value) -> {
            if (name.startsWith(CUSTOM_DATA_PREFIX) && name.length() > CUSTOM_DATA_PREFIX.length()) {
                customData.put(name.substring(CUSTOM_DATA_PREFIX.length()), value);
            }
        });
        String country = parameters.get("country");
        CustomerFilter filter = new CustomerFilter(
                parameters.get("email"),
                parameters.get("external_id"),
                blankToNull(parameters.get("q")),
                parameters.get("parent_customer_id"),
                country == null ? null : Countries.toAlpha2(country).orElseThrow(() ->
                        QueryParameters.invalid("country", "must be an ISO 3166-1 alpha-2 or alpha-3 country code")),
                QueryParameters.bool("tax_exempt", parameters.get("tax_exempt")),
                parameters.get("business_entity_id"),
                Boolean.TRUE.equals(QueryParameters.bool("include_archived", parameters.get("include_archived"))),
                QueryParameters.instant("created_after", parameters.get("created_after")),
                QueryParameters.instant("created_before", parameters.get("created_before")),
                customData);
        return QueryResults.join(queries.query(new FindCustomersQuery(CallerContext.organizationId(), filter,
                        QueryParameters.page(parameters.get("limit"), parameters.get("starting_after"))),
                ResponseTypes.instanceOf(CustomerPage.class)));
    }

    @GetMapping("/v1/customers/{id}/children")
    @Operation(operationId = "listCustomerChildren", summary = "The direct children of a customer, newest first")
    @Paginated
    @Raises(CustomerNotFoundException.class)
    CustomerPage children(@PathVariable String id,
                          @Parameter(hidden = true) @RequestParam(required = false) String limit,
                          @Parameter(hidden = true) @RequestParam(name = "starting_after", required = false)
                          String startingAfter,
                          @Parameter(description = "Also list archived children (default false)",
                                  schema = @Schema(type = "boolean"))
                          @RequestParam(name = "include_archived", required = false) String includeArchived) {
        get(id);
        CustomerFilter filter = new CustomerFilter(null, null, null, id, null, null, null,
                Boolean.TRUE.equals(QueryParameters.bool("include_archived", includeArchived)), null, null, null);
        return QueryResults.join(queries.query(new FindCustomersQuery(CallerContext.organizationId(), filter,
                        QueryParameters.page(limit, startingAfter)), ResponseTypes.instanceOf(CustomerPage.class)));
    }

    @GetMapping("/v1/customers/{id}/history")
    @Operation(operationId = "listCustomerHistory",
            summary = "Every change to a customer, newest first, with actor and old and new values")
    @Paginated
    @Raises(CustomerNotFoundException.class)
    CustomerHistoryPage history(@PathVariable String id,
                                     @Parameter(hidden = true) @RequestParam(required = false) String limit,
                                     @Parameter(hidden = true) @RequestParam(name = "starting_after", required = false)
                                     String startingAfter) {
        CustomerHistoryPage history = QueryResults.join(queries.query(new FindCustomerHistoryQuery(CallerContext.organizationId(), id,
                QueryParameters.page(limit, startingAfter)), ResponseTypes.instanceOf(CustomerHistoryPage.class)));
        if (history == null) {
            throw new CustomerNotFoundException(id);
        }
        return history;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
