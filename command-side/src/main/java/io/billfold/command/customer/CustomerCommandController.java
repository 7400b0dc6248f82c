package io.billfold.command.customer;

import io.billfold.api.customer.ArchiveCustomerCommand;
import io.billfold.api.customer.ChangeCustomerParentCommand;
import io.billfold.api.customer.CreateCustomerCommand;
import io.billfold.api.customer.CustomerArchivedException;
import io.billfold.api.customer.CustomerErasedException;
import io.billfold.api.customer.CustomerHasChildrenException;
import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.api.customer.CustomerResponse;
import io.billfold.api.customer.EmailAlreadyInUseException;
import io.billfold.api.customer.ExternalIdAlreadyInUseException;
import io.billfold.api.customer.HierarchyCycleException;
import io.billfold.api.customer.HierarchyTooDeepException;
import io.billfold.api.customer.ParentCustomerArchivedException;
import io.billfold.api.customer.ParentCustomerNotFoundException;
import io.billfold.api.customer.TooManyChildrenException;
import io.billfold.api.customer.EraseCustomerCommand;
import io.billfold.api.customer.UnarchiveCustomerCommand;
import io.billfold.api.customer.UpdateCustomerCommand;
import io.billfold.api.wallet.WalletBalanceNotZeroException;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.auth.Ids;
import io.billfold.platform.openapi.Raises;
import io.billfold.platform.openapi.ResponseHeader;
import io.billfold.platform.openapi.ResponseHeaders;
import io.billfold.platform.auth.RequiredRole;
import io.billfold.platform.auth.Role;
import io.billfold.platform.web.CommandResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;

/** Customer commands over HTTP: translates requests to commands and their results to responses, nothing more. */
@RestController
@Tag(name = "Customers")
@ResponseHeaders(ResponseHeader.POSITION)
class CustomerCommandController {

    private final CommandGateway commands;
    private final CommandResponses responses;

    CustomerCommandController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @PostMapping("/v1/customers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createCustomer", summary = "Create a customer",
            description = "Answers the customer as GET shows it, with its Location.")
    @ResponseHeaders(ResponseHeader.LOCATION)
    @Raises({EmailAlreadyInUseException.class, ExternalIdAlreadyInUseException.class,
            ParentCustomerNotFoundException.class, ParentCustomerArchivedException.class, CustomerErasedException.class,
            HierarchyTooDeepException.class, TooManyChildrenException.class})
    ResponseEntity<CustomerResponse> create(@RequestBody CreateCustomerRequest request) {
        String customerId = Ids.next("cus");
        CustomerResponse customer = commands.sendAndWait(
                new CreateCustomerCommand(customerId, CallerContext.organizationId(), request.toDetails(),
                        request.parentCustomerId()));
        return responses.created(URI.create("/v1/customers/" + customerId), customer, customerId);
    }

    @PatchMapping(path = "/v1/customers/{id}", consumes = {"application/merge-patch+json", "application/json"})
    @Operation(operationId = "updateCustomer",
            summary = "Change a customer (JSON merge patch: absent = unchanged, null = cleared)",
            description = "The members of the create call; a patch that changes nothing records nothing.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/merge-patch+json",
                            schema = @Schema(implementation = CreateCustomerRequest.class)),
                    @Content(mediaType = "application/json",
                            schema = @Schema(implementation = CreateCustomerRequest.class))}))
    @Raises({CustomerNotFoundException.class, CustomerArchivedException.class, CustomerErasedException.class,
            EmailAlreadyInUseException.class,
            ExternalIdAlreadyInUseException.class})
    ResponseEntity<CustomerResponse> update(@PathVariable String id, @RequestBody JsonNode mergePatch) {
        CustomerResponse customer = commands.sendAndWait(
                new UpdateCustomerCommand(id, CallerContext.organizationId(), mergePatch.toString()));
        return responses.ok(customer, id);
    }

    record ParentRequest(String parentCustomerId) {
    }

    @PutMapping("/v1/customers/{id}/parent")
    @Operation(operationId = "changeCustomerParent",
            summary = "Attach a customer to a parent customer, or detach it with null")
    @Raises({CustomerNotFoundException.class, CustomerArchivedException.class, CustomerErasedException.class,
            ParentCustomerNotFoundException.class,
            ParentCustomerArchivedException.class, CustomerErasedException.class,
            HierarchyCycleException.class, HierarchyTooDeepException.class,
            TooManyChildrenException.class})
    ResponseEntity<CustomerResponse> changeParent(@PathVariable String id, @RequestBody ParentRequest request) {
        CustomerResponse customer = commands.sendAndWait(
                new ChangeCustomerParentCommand(id, CallerContext.organizationId(), request.parentCustomerId()));
        return responses.ok(customer, id);
    }

    @PostMapping("/v1/customers/{id}/archive")
    @Operation(operationId = "archiveCustomer", summary = "Archive a customer, releasing its email and external_id",
            description = "Refused while a wallet of the customer holds credit or it has live children.")
    @Raises({CustomerNotFoundException.class, WalletBalanceNotZeroException.class,
            CustomerHasChildrenException.class})
    ResponseEntity<CustomerResponse> archive(@PathVariable String id) {
        CustomerResponse customer = commands.sendAndWait(new ArchiveCustomerCommand(id, CallerContext.organizationId()));
        return responses.ok(customer, id);
    }

    @PostMapping("/v1/customers/{id}/unarchive")
    @Operation(operationId = "unarchiveCustomer", summary = "Bring an archived customer back",
            description = "Its email and external_id must still be free.")
    @Raises({CustomerErasedException.class, CustomerNotFoundException.class, EmailAlreadyInUseException.class,
            ExternalIdAlreadyInUseException.class})
    ResponseEntity<CustomerResponse> unarchive(@PathVariable String id) {
        CustomerResponse customer = commands.sendAndWait(new UnarchiveCustomerCommand(id, CallerContext.organizationId()));
        return responses.ok(customer, id);
    }

    @PostMapping("/v1/customers/{id}/erase")
    @RequiredRole(Role.ADMIN)
    @Operation(operationId = "eraseCustomer", summary = "Erase a customer's personal data for good (admin)",
            description = "Refused like archiving: while a wallet of the customer holds credit or it has live children. "
                    + "Erasing an erased customer answers it again; any later change is refused with customer_erased.")
    @Raises({CustomerNotFoundException.class, WalletBalanceNotZeroException.class,
            CustomerHasChildrenException.class})
    ResponseEntity<CustomerResponse> erase(@PathVariable String id) {
        CustomerResponse customer = commands.sendAndWait(new EraseCustomerCommand(id, CallerContext.organizationId()));
        return responses.ok(customer, id);
    }
}
