package io.billfold.command.wallet;

import io.billfold.api.wallet.CaptureHoldCommand;
import io.billfold.api.wallet.CreateHoldCommand;
import io.billfold.api.customer.CustomerArchivedException;
import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.api.wallet.BalanceLimitExceededException;
import io.billfold.api.wallet.CreateWalletCommand;
import io.billfold.api.wallet.CreditWalletCommand;
import io.billfold.api.wallet.CurrencyMismatchException;
import io.billfold.api.wallet.DebitWalletCommand;
import io.billfold.api.wallet.EntryDetails;
import io.billfold.api.wallet.HoldNotActiveException;
import io.billfold.api.wallet.HoldNotFoundException;
import io.billfold.api.wallet.HoldResponse;
import io.billfold.api.wallet.InsufficientFundsException;
import io.billfold.api.wallet.LowBalanceThreshold;
import io.billfold.api.wallet.ReleaseHoldCommand;
import io.billfold.api.wallet.TransactionResponse;
import io.billfold.api.wallet.TransferCreditCommand;
import io.billfold.api.wallet.TransferResponse;
import io.billfold.api.wallet.UpdateWalletCommand;
import io.billfold.api.wallet.VersionConflictException;
import io.billfold.api.wallet.WalletExistsException;
import io.billfold.api.wallet.WalletNotFoundException;
import io.billfold.api.wallet.WalletResponse;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.auth.Ids;
import io.billfold.platform.openapi.Raises;
import io.billfold.platform.openapi.ResponseHeader;
import io.billfold.platform.openapi.ResponseHeaders;
import io.billfold.platform.web.CommandResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;

/** Wallet commands over HTTP: requests to commands, results to responses. */
@RestController
@Tag(name = "Wallets")
@ResponseHeaders(ResponseHeader.POSITION)
class WalletCommandController {

    private final CommandGateway commands;
    private final CommandResponses responses;

    WalletCommandController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    record CreateWalletRequest(String currency) {
    }

    /** {@code amount} is a JSON string, or a JSON number read as an exact decimal (never a double). */
    record CreditRequest(JsonNode amount, String reason, String description, String reference,
                         Map<String, String> metadata, Long expectedVersion, String expiresAt) {
    }

    record DebitRequest(JsonNode amount, String reason, String invoiceId, String description, String reference,
                        Map<String, String> metadata, Long expectedVersion) {
    }

    record TransferRequest(String toWalletId, JsonNode amount, String description, String reference,
                           Map<String, String> metadata) {
    }

    @PostMapping("/v1/customers/{customerId}/wallets")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createWallet", summary = "Open a wallet for a customer in one currency",
            description = "One wallet per customer and currency (ISO 4217).")
    @ResponseHeaders(ResponseHeader.LOCATION)
    @Raises({CustomerNotFoundException.class, CustomerArchivedException.class, WalletExistsException.class})
    ResponseEntity<WalletResponse> create(@PathVariable String customerId, @RequestBody CreateWalletRequest request) {
        String walletId = Ids.next("wal");
        WalletResponse wallet = commands.sendAndWait(
                new CreateWalletCommand(walletId, CallerContext.organizationId(), customerId, request.currency()));
        return responses.created(URI.create("/v1/wallets/" + walletId), wallet, walletId);
    }

    /** {@code low_balance_threshold}: absent leaves it, null removes it; a string or an exact JSON number. */
    record UpdateWalletRequest(JsonNode lowBalanceThreshold) {
    }

    @PatchMapping(path = "/v1/wallets/{walletId}", consumes = {"application/merge-patch+json", "application/json"})
    @Operation(operationId = "updateWallet",
            summary = "Change a wallet's low-balance threshold (JSON merge patch: null removes it)")
    @Raises(WalletNotFoundException.class)
    ResponseEntity<WalletResponse> update(@PathVariable String walletId, @RequestBody UpdateWalletRequest request) {
        JsonNode threshold = request.lowBalanceThreshold();
        WalletResponse wallet = commands.sendAndWait(new UpdateWalletCommand(walletId, CallerContext.organizationId(),
                threshold == null ? null : new LowBalanceThreshold(amountText(threshold))));
        return responses.ok(wallet, walletId);
    }

    @PostMapping("/v1/wallets/{walletId}/credits")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "creditWallet", summary = "Add credit to a wallet",
            description = "Reasons: promotional, goodwill, refund, prepayment, credit_note, migration, correction, "
                    + "other. With expected_version, a wallet at another version is refused and nothing changes.")
    @ResponseHeaders(ResponseHeader.LOCATION)
    @Raises({WalletNotFoundException.class, CustomerArchivedException.class, VersionConflictException.class,
            BalanceLimitExceededException.class})
    ResponseEntity<TransactionResponse> credit(@PathVariable String walletId, @RequestBody CreditRequest request) {
        String transactionId = Ids.next("txn");
        TransactionResponse transaction = commands.sendAndWait(new CreditWalletCommand(walletId,
                CallerContext.organizationId(), transactionId, amountText(request.amount()), request.reason(),
                new EntryDetails(request.description(), request.reference(), request.metadata()),
                request.expectedVersion(), request.expiresAt()));
        return responses.created(URI.create("/v1/wallets/" + walletId + "/transactions/" + transactionId),
                transaction, walletId);
    }

    /** {@code expires_at} as sent (validated with the other fields); absent: 24 hours. */
    record HoldRequest(JsonNode amount, String reference, String description, String expiresAt,
                       Long expectedVersion) {
    }

    /** {@code amount} absent: the whole hold. */
    record CaptureRequest(JsonNode amount, Long expectedVersion) {
    }

    record ReleaseRequest(Long expectedVersion) {
    }

    @PostMapping("/v1/wallets/{walletId}/holds")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createHold", summary = "Reserve credit for a charge that is not final yet",
            description = "The hold takes from available credit (balance minus held), from grants in the order debits "
                    + "use them; reserved credit does not expire while held. expires_at defaults to 24 hours ahead.")
    @ResponseHeaders(ResponseHeader.LOCATION)
    @Raises({WalletNotFoundException.class, CustomerArchivedException.class, InsufficientFundsException.class,
            VersionConflictException.class})
    ResponseEntity<HoldResponse> hold(@PathVariable String walletId, @RequestBody HoldRequest request) {
        String holdId = Ids.next("hold");
        HoldResponse hold = commands.sendAndWait(new CreateHoldCommand(walletId, CallerContext.organizationId(), holdId,
                amountText(request.amount()), new EntryDetails(request.description(), request.reference(), null),
                request.expiresAt(), request.expectedVersion()));
        return responses.created(URI.create("/v1/holds/" + holdId), hold, walletId);
    }

    @PostMapping("/v1/holds/{holdId}/capture")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "captureHold", summary = "Turn a hold into a debit (all of it, or less: the rest is released)")
    @ResponseHeaders(ResponseHeader.LOCATION)
    @Raises({HoldNotFoundException.class, HoldNotActiveException.class, VersionConflictException.class})
    ResponseEntity<TransactionResponse> capture(@PathVariable String holdId,
                                                @RequestBody(required = false) CaptureRequest request) {
        CaptureRequest body = request == null ? new CaptureRequest(null, null) : request;
        String transactionId = Ids.next("txn");
        TransactionResponse transaction = commands.sendAndWait(new CaptureHoldCommand(holdId,
                CallerContext.organizationId(), transactionId, amountText(body.amount()), body.expectedVersion()));
        return responses.created(URI.create("/v1/wallets/" + transaction.walletId() + "/transactions/"
                + transactionId), transaction, transaction.walletId());
    }

    @PostMapping("/v1/holds/{holdId}/release")
    @Operation(operationId = "releaseHold", summary = "Release a hold: what it reserved is available again")
    @Raises({HoldNotFoundException.class, HoldNotActiveException.class, VersionConflictException.class})
    ResponseEntity<HoldResponse> release(@PathVariable String holdId,
                                         @RequestBody(required = false) ReleaseRequest request) {
        HoldResponse hold = commands.sendAndWait(new ReleaseHoldCommand(holdId, CallerContext.organizationId(),
                request == null ? null : request.expectedVersion()));
        return responses.ok(hold, hold.walletId());
    }

    @PostMapping("/v1/wallets/{walletId}/debits")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "debitWallet", summary = "Take credit from a wallet (never below zero)",
            description = "Reasons: invoice_settlement (needs invoice_id), manual_deduction, correction, other. A "
                    + "debit beyond the balance is refused with insufficient_funds and changes nothing.")
    @ResponseHeaders(ResponseHeader.LOCATION)
    @Raises({WalletNotFoundException.class, InsufficientFundsException.class, VersionConflictException.class})
    ResponseEntity<TransactionResponse> debit(@PathVariable String walletId, @RequestBody DebitRequest request) {
        String transactionId = Ids.next("txn");
        TransactionResponse transaction = commands.sendAndWait(new DebitWalletCommand(walletId,
                CallerContext.organizationId(), transactionId, amountText(request.amount()), request.reason(),
                request.invoiceId(), new EntryDetails(request.description(), request.reference(), request.metadata()),
                request.expectedVersion()));
        return responses.created(URI.create("/v1/wallets/" + walletId + "/transactions/" + transactionId),
                transaction, walletId);
    }

    @PostMapping("/v1/wallets/{walletId}/transfers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "transferCredit", summary = "Move credit to another wallet of the same currency, atomically",
            description = "Both entries or neither: the debit of this wallet and the credit of to_wallet_id.")
    @ResponseHeaders(ResponseHeader.LOCATION)
    @Raises({WalletNotFoundException.class, InsufficientFundsException.class, CurrencyMismatchException.class,
            CustomerArchivedException.class, BalanceLimitExceededException.class})
    ResponseEntity<TransferResponse> transfer(@PathVariable String walletId, @RequestBody TransferRequest request) {
        String transferId = Ids.next("trf");
        TransferResponse transfer = commands.sendAndWait(new TransferCreditCommand(transferId,
                CallerContext.organizationId(), walletId, request.toWalletId(), amountText(request.amount()),
                new EntryDetails(request.description(), request.reference(), request.metadata())));
        return responses.created(URI.create("/v1/wallets/" + walletId + "/transfers/" + transferId), transfer,
                walletId, request.toWalletId());
    }

    /**
     * The amount as written: a string as is, a number by its exact decimal text (in scientific notation where it has
     * one: a plain rendering of {@code 1e999999999} would take a gigabyte); anything else reaches validation.
     */
    private static String amountText(JsonNode amount) {
        if (amount == null || amount.isNull()) {
            return null;
        }
        return amount.isNumber() ? amount.decimalValue().toString() : amount.isString() ? amount.asString() : "?";
    }
}
