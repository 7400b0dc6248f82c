package io.billfold.command.customer;

import io.billfold.api.contact.AddContactCommand;
import io.billfold.api.contact.ContactDetails;
import io.billfold.api.contact.ContactEmailAlreadyExistsException;
import io.billfold.api.contact.ContactLimitReachedException;
import io.billfold.api.contact.ContactNotFoundException;
import io.billfold.api.contact.ContactResponse;
import io.billfold.api.contact.RemoveContactCommand;
import io.billfold.api.contact.UpdateContactCommand;
import io.billfold.api.customer.CustomerArchivedException;
import io.billfold.api.customer.CustomerErasedException;
import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.auth.Ids;
import io.billfold.platform.openapi.Raises;
import io.billfold.platform.openapi.ResponseHeader;
import io.billfold.platform.openapi.ResponseHeaders;
import io.billfold.platform.web.CommandResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;

/** Secondary contacts of a customer over HTTP: requests to commands, results to responses. */
@RestController
@Tag(name = "Contacts")
@ResponseHeaders(ResponseHeader.POSITION)
class ContactCommandController {

    private final CommandGateway commands;
    private final CommandResponses responses;

    ContactCommandController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    /** The body of {@code POST /v1/customers/{id}/contacts}. */
    record AddContactRequest(String firstName, String lastName, String email, String phoneNumber, String label,
                             List<String> communications, String delivery) {

        ContactDetails toDetails() {
            return new ContactDetails(firstName, lastName, email, phoneNumber, label, communications, delivery);
        }
    }

    @PostMapping("/v1/customers/{customerId}/contacts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "addContact", summary = "Add a secondary contact to a customer",
            description = "At most 50 per customer; the email is unique among the customer's contacts. "
                    + "Communications: invoices, payment_receipts, payment_reminders, credit_notes, statements, "
                    + "contracts, usage_alerts, wallet_alerts; delivery: to, cc or bcc.")
    @ResponseHeaders(ResponseHeader.LOCATION)
    @Raises({CustomerNotFoundException.class, CustomerArchivedException.class, CustomerErasedException.class,
            ContactLimitReachedException.class,
            ContactEmailAlreadyExistsException.class})
    ResponseEntity<ContactResponse> add(@PathVariable String customerId, @RequestBody AddContactRequest request) {
        String contactId = Ids.next("con");
        ContactResponse contact = commands.sendAndWait(new AddContactCommand(customerId, CallerContext.organizationId(),
                contactId, request.toDetails()));
        return responses.created(URI.create("/v1/customers/" + customerId + "/contacts/" + contactId), contact,
                customerId);
    }

    @PatchMapping(path = "/v1/customers/{customerId}/contacts/{contactId}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Operation(operationId = "updateContact", summary = "Change a contact (JSON merge patch)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/merge-patch+json",
                            schema = @Schema(implementation = AddContactRequest.class)),
                    @Content(mediaType = "application/json",
                            schema = @Schema(implementation = AddContactRequest.class))}))
    @Raises({CustomerNotFoundException.class, CustomerArchivedException.class, CustomerErasedException.class,
            ContactNotFoundException.class,
            ContactEmailAlreadyExistsException.class})
    ResponseEntity<ContactResponse> update(@PathVariable String customerId, @PathVariable String contactId,
                                           @RequestBody JsonNode mergePatch) {
        ContactResponse contact = commands.sendAndWait(new UpdateContactCommand(customerId,
                CallerContext.organizationId(), contactId, mergePatch.toString()));
        return responses.ok(contact, customerId);
    }

    @DeleteMapping("/v1/customers/{customerId}/contacts/{contactId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "removeContact", summary = "Remove a contact")
    @Raises({CustomerNotFoundException.class, CustomerArchivedException.class, CustomerErasedException.class,
            ContactNotFoundException.class})
    ResponseEntity<Void> remove(@PathVariable String customerId, @PathVariable String contactId) {
        commands.sendAndWait(new RemoveContactCommand(customerId, CallerContext.organizationId(), contactId));
        return responses.noContent(customerId);
    }
}
