package io.billfold.query.customer;

import io.billfold.api.contact.Communication;
import io.billfold.api.contact.ContactPage;
import io.billfold.api.contact.FindContactsQuery;
import io.billfold.api.contact.FindRecipientsQuery;
import io.billfold.api.contact.Recipients;
import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.openapi.Raises;
import io.billfold.platform.web.QueryParameters;
import io.billfold.platform.web.QueryResults;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contacts and recipients over HTTP. */
@RestController
@Tag(name = "Contacts")
class ContactQueryController {

    private final QueryGateway queries;

    ContactQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/v1/customers/{customerId}/contacts")
    @Operation(operationId = "listContacts", summary = "The secondary contacts of a customer, oldest first")
    @Raises(CustomerNotFoundException.class)
    ContactPage contacts(@PathVariable String customerId) {
        ContactPage contacts = QueryResults.join(queries.query(
                new FindContactsQuery(CallerContext.organizationId(), customerId),
                ResponseTypes.instanceOf(ContactPage.class)));
        if (contacts == null) {
            throw new CustomerNotFoundException(customerId);
        }
        return contacts;
    }

    @GetMapping("/v1/customers/{customerId}/recipients")
    @Operation(operationId = "getRecipients",
            summary = "Who receives one kind of message of a customer: its own email and subscribed contacts",
            description = "Empty when the customer's communications are disabled.")
    @Raises(CustomerNotFoundException.class)
    Recipients recipients(@PathVariable String customerId,
                          @Parameter(description = "The kind of message", schema = @Schema(allowableValues = {
                                  "invoices", "payment_receipts", "payment_reminders", "credit_notes", "statements",
                                  "contracts", "usage_alerts", "wallet_alerts"}))
                          @RequestParam String communication) {
        Communication type = Communication.ofApiName(communication).orElseThrow(() -> QueryParameters.invalid(
                "communication", "must be one of invoices, payment_receipts, payment_reminders, credit_notes, "
                        + "statements, contracts, usage_alerts, wallet_alerts"));
        Recipients recipients = QueryResults.join(queries.query(
                new FindRecipientsQuery(CallerContext.organizationId(), customerId, type),
                ResponseTypes.instanceOf(Recipients.class)));
        if (recipients == null) {
            throw new CustomerNotFoundException(customerId);
        }
        return recipients;
    }
}
