package io.billfold.command.customer;

import io.billfold.api.contact.AddContactCommand;
import io.billfold.api.contact.ContactDetails;
import io.billfold.api.contact.ContactResponse;
import io.billfold.api.contact.RemoveContactCommand;
import io.billfold.api.contact.UpdateContactCommand;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.auth.Ids;
import io.billfold.platform.web.CommandResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;

/** Secondary contacts of a customer over HTTP: requests to commands, results to responses. */
@RestController
@Tag(name = "Contacts")
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
    @Operation(summary = "Add a secondary contact to a customer")
    ResponseEntity<ContactResponse> add(@PathVariable String customerId, @RequestBody AddContactRequest request) {
        String contactId = Ids.next("con");
        ContactResponse contact = commands.sendAndWait(new AddContactCommand(customerId, CallerContext.organizationId(),
                contactId, request.toDetails()));
        return responses.created(URI.create("/v1/customers/" + customerId + "/contacts/" + contactId), contact,
                customerId);
    }

    @PatchMapping(path = "/v1/customers/{customerId}/contacts/{contactId}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Operation(summary = "Change a contact (JSON merge patch)")
    ResponseEntity<ContactResponse> update(@PathVariable String customerId, @PathVariable String contactId,
                                           @RequestBody JsonNode mergePatch) {
        ContactResponse contact = commands.sendAndWait(new UpdateContactCommand(customerId,
                CallerContext.organizationId(), contactId, mergePatch.toString()));
        return responses.ok(contact, customerId);
    }

    @DeleteMapping("/v1/customers/{customerId}/contacts/{contactId}")
    @Operation(summary = "Remove a contact")
    ResponseEntity<Void> remove(@PathVariable String customerId, @PathVariable String contactId) {
        commands.sendAndWait(new RemoveContactCommand(customerId, CallerContext.organizationId(), contactId));
        return responses.noContent(customerId);
    }
}
