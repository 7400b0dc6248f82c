package io.billfold.command.customer;

import io.billfold.api.customer.ArchiveCustomerCommand;
import io.billfold.api.customer.ChangeCustomerParentCommand;
import io.billfold.api.customer.CreateCustomerCommand;
import io.billfold.api.customer.CustomerResponse;
import io.billfold.api.customer.EraseCustomerCommand;
import io.billfold.api.customer.UnarchiveCustomerCommand;
import io.billfold.api.customer.UpdateCustomerCommand;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.auth.Ids;
import io.billfold.platform.auth.RequiredRole;
import io.billfold.platform.auth.Role;
import io.billfold.platform.web.CommandResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;

/** Customer commands over HTTP: translates requests to commands and their results to responses, nothing more. */
@RestController
@Tag(name = "Customers")
class CustomerCommandController {

    private final CommandGateway commands;
    private final CommandResponses responses;

    CustomerCommandController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @PostMapping("/v1/customers")
    @Operation(summary = "Create a customer")
    ResponseEntity<CustomerResponse> create(@RequestBody CreateCustomerRequest request) {
        String customerId = Ids.next("cus");
        CustomerResponse customer = commands.sendAndWait(
                new CreateCustomerCommand(customerId, CallerContext.organizationId(), request.toDetails(),
                        request.parentCustomerId()));
        return responses.created(URI.create("/v1/customers/" + customerId), customer, customerId);
    }

    @PatchMapping(path = "/v1/customers/{id}", consumes = {"application/merge-patch+json", "application/json"})
    @Operation(summary = "Change a customer (JSON merge patch: absent = unchanged, null = cleared)")
    ResponseEntity<CustomerResponse> update(@PathVariable String id, @RequestBody JsonNode mergePatch) {
        CustomerResponse customer = commands.sendAndWait(
                new UpdateCustomerCommand(id, CallerContext.organizationId(), mergePatch.toString()));
        return responses.ok(customer, id);
    }

    record ParentRequest(String parentCustomerId) {
    }

    @PutMapping("/v1/customers/{id}/parent")
    @Operation(summary = "Attach a customer to a parent customer, or detach it with null")
    ResponseEntity<CustomerResponse> changeParent(@PathVariable String id, @RequestBody ParentRequest request) {
        CustomerResponse customer = commands.sendAndWait(
                new ChangeCustomerParentCommand(id, CallerContext.organizationId(), request.parentCustomerId()));
        return responses.ok(customer, id);
    }

    @PostMapping("/v1/customers/{id}/archive")
    @Operation(summary = "Archive a customer, releasing its email and external_id")
    ResponseEntity<CustomerResponse> archive(@PathVariable String id) {
        CustomerResponse customer = commands.sendAndWait(new ArchiveCustomerCommand(id, CallerContext.organizationId()));
        return responses.ok(customer, id);
    }

    @PostMapping("/v1/customers/{id}/unarchive")
    @Operation(summary = "Bring an archived customer back")
    ResponseEntity<CustomerResponse> unarchive(@PathVariable String id) {
        CustomerResponse customer = commands.sendAndWait(new UnarchiveCustomerCommand(id, CallerContext.organizationId()));
        return responses.ok(customer, id);
    }

    @PostMapping("/v1/customers/{id}/erase")
    @RequiredRole(Role.ADMIN)
    @Operation(summary = "Erase a customer's personal data for good (admin); refused like archiving")
    ResponseEntity<CustomerResponse> erase(@PathVariable String id) {
        CustomerResponse customer = commands.sendAndWait(new EraseCustomerCommand(id, CallerContext.organizationId()));
        return responses.ok(customer, id);
    }
}
