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
import io.billfold.platform.web.QueryParameters;
import io.billfold.platform.web.QueryResults;
import io.swagger.v3.oas.annotations.Operation;
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
    @Operation(summary = "Get a customer")
    CustomerResponse get(@PathVariable String id) {
        CustomerResponse customer = QueryResults.join(queries.query(new FindCustomerQuery(CallerContext.organizationId(), id),
                ResponseTypes.instanceOf(CustomerResponse.class)));
        if (customer == null) {
            throw new CustomerNotFoundException(id);
        }
        return customer;
    }

    @GetMapping("/v1/customers")
    @Operation(summary = "List customers, newest first; custom_data.<key>=<value> filters on top-level custom data")
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
    @Operation(summary = "The direct children of a customer, newest first")
    CustomerPage children(@PathVariable String id,
                          @RequestParam(required = false) String limit,
                          @RequestParam(name = "starting_after", required = false) String startingAfter,
                          @RequestParam(name = "include_archived", required = false) String includeArchived) {
        get(id);
        CustomerFilter filter = new CustomerFilter(null, null, null, id, null, null, null,
                Boolean.TRUE.equals(QueryParameters.bool("include_archived", includeArchived)), null, null, null);
        return QueryResults.join(queries.query(new FindCustomersQuery(CallerContext.organizationId(), filter,
                        QueryParameters.page(limit, startingAfter)), ResponseTypes.instanceOf(CustomerPage.class)));
    }

    @GetMapping("/v1/customers/{id}/history")
    @Operation(summary = "Every change to a customer, newest first, with actor and old and new values")
    CustomerHistoryPage history(@PathVariable String id,
                                     @RequestParam(required = false) String limit,
                                     @RequestParam(name = "starting_after", required = false) String startingAfter) {
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
