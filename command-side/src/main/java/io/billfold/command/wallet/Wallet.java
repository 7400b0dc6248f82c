package io.billfold.command.wallet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.billfold.api.MetadataKeys;
import io.billfold.api.error.FieldChecks;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.TextRule;
import io.billfold.api.error.ValidationFailedException;
import io.billfold.api.wallet.Amounts;
import io.billfold.api.wallet.BalanceLimitExceededException;
import io.billfold.api.wallet.CaptureHoldCommand;
import io.billfold.api.wallet.CreateHoldCommand;
import io.billfold.api.wallet.CreateWalletCommand;
import io.billfold.api.wallet.CreditWalletCommand;
import io.billfold.api.wallet.CurrencyMismatchException;
import io.billfold.api.wallet.DebitWalletCommand;
import io.billfold.api.wallet.EntryDetails;
import io.billfold.api.wallet.GrantAmount;
import io.billfold.api.wallet.HoldEnded;
import io.billfold.api.wallet.HoldNotActiveException;
import io.billfold.api.wallet.HoldResponse;
import io.billfold.api.wallet.InsufficientFundsException;
import io.billfold.api.wallet.LedgerEntry;
import io.billfold.api.wallet.LowBalanceThreshold;
import io.billfold.api.wallet.Provenance;
import io.billfold.api.wallet.ReleaseHoldCommand;
import io.billfold.api.wallet.TransactionResponse;
import io.billfold.api.wallet.TransferredGrant;
import io.billfold.api.wallet.UpdateWalletCommand;
import io.billfold.api.wallet.VersionConflictException;
import io.billfold.api.wallet.WalletBalanceLowEvent;
import io.billfold.api.wallet.WalletCreatedEvent;
import io.billfold.api.wallet.WalletCreditedEvent;
import io.billfold.api.wallet.WalletDebitedEvent;
import io.billfold.api.wallet.WalletGrantExpiredEvent;
import io.billfold.api.wallet.WalletHoldCapturedEvent;
import io.billfold.api.wallet.WalletHoldCreatedEvent;
import io.billfold.api.wallet.WalletHoldExpiredEvent;
import io.billfold.api.wallet.WalletHoldReleasedEvent;
import io.billfold.api.wallet.WalletLowBalanceThresholdChangedEvent;
import io.billfold.api.wallet.WalletNotFoundException;
import io.billfold.api.wallet.WalletResponse;
import io.billfold.api.wallet.WalletTransferredInEvent;
import io.billfold.api.wallet.WalletTransferredOutEvent;
import io.billfold.command.CustomerLookup;
import io.billfold.platform.auth.Ids;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.joda.money.CurrencyUnit;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer's credit wallet in one currency: an exact ledger in minor units that never goes below zero. Command nodes
 * keep wallets in memory between commands, and snapshots (see {@link WalletConfiguration}) keep the cost of loading
 * one independent of its history; its fields are what a snapshot stores. Credit only reaches the wallet of a live
 * customer: the check runs under the wallet's lock, which archiving takes too ({@link WalletBalances}).
 */
@Aggregate(repository = WalletConfiguration.REPOSITORY)
@Revision(WalletConfiguration.SNAPSHOT_REVISION)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Wallet {

    static final Set<String> CREDIT_REASONS =
            Set.of("promotional", "goodwill", "refund", "prepayment", "credit_note", "migration", "correction", "other");
    static final Set<String> DEBIT_REASONS = Set.of("invoice_settlement", "manual_deduction", "correction", "other");
    static final int MAX_METADATA_KEYS = 20;
    /** 10^17 minor units: far beyond any real balance, and far from overflowing a long. */
    static final long MAX_BALANCE_MINOR = 100_000_000_000_000_000L;
    static final String GRANT_EXPIRY = "grant-expiry";
    static final String HOLD_EXPIRY = "hold-expiry";
    static final Duration MAX_GRANT_LIFETIME = Duration.ofDays(3653);
    static final Duration DEFAULT_HOLD_LIFETIME = Duration.ofHours(24);
    static final Duration MAX_HOLD_LIFETIME = Duration.ofDays(30);
    /** Who an expiry is recorded as: no API key asked for it. */
    static final String SYSTEM_ACTOR_ID = "system";
    static final String SYSTEM_ACTOR_NAME = "expiry";
    private static final int MAX_METADATA_VALUE = 500;

    @AggregateIdentifier
    private String walletId;
    private String organizationId;
    private String customerId;
    private String currency;
    private long balanceMinor;
    private long version;
    private Instant createdAt;
    private Instant updatedAt;
    /** Minor units; null when the wallet has no low-balance threshold. */
    private Long lowBalanceThresholdMinor;
    /** The grants with something left, by id. */
    private Map<String, Grant> grants = new LinkedHashMap<>();
    /** How many grants the wallet has ever had: the next grant's age. */
    private long grantCount;
    /** The active holds, by id. */
    private Map<String, Hold> holds = new LinkedHashMap<>();
    /** What the active holds reserve, in minor units. */
    private long heldMinor;

    Wallet() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    WalletResponse handle(CreateWalletCommand command, WalletRegistry registry) {
        CurrencyUnit unit = Amounts.currency("currency", command.currency());
        registry.register(command.organizationId(), command.customerId(), command.walletId(), unit.getCode());
        apply(new WalletCreatedEvent(command.walletId(), command.organizationId(), command.customerId(), unit.getCode()));
        return toResponse();
    }

    @CommandHandler
    TransactionResponse handle(CreditWalletCommand command, CustomerLookup customers, DeadlineManager deadlines,
                               MetaData metaData) {
        requireOrganization(command.organizationId());
        requireVersion(command.expectedVersion());
        Instant now = now();
        FieldChecks checks = new FieldChecks();
        Long amount = checks.check(() -> Amounts.toMinor("amount", command.amount(), CurrencyUnit.of(currency)));
        checks.check(() -> requireOneOf("reason", command.reason(), CREDIT_REASONS));
        EntryDetails details = checks.check(() -> checked(command.details()));
        Instant expiresAt = checks.check(() -> command.expiresAt() == null ? null
                : expiry(command.expiresAt(), now, MAX_GRANT_LIFETIME, "10 years"));
        checks.throwIfFailed();
        long balanceAfter = deposit(amount);
        customers.requireLiveCustomer(organizationId, customerId);
        if (expiresAt != null) {
            scheduleGrantExpiry(deadlines, command.transactionId(), expiresAt);
        }
        return applyEntry(new WalletCreditedEvent(walletId, customerId, command.transactionId(), currency, amount,
                command.reason(), details.description(), details.reference(), details.metadata(), balanceAfter,
                expiresAt), metaData);
    }

    @CommandHandler
    TransactionResponse handle(DebitWalletCommand command, MetaData metaData) {
        requireOrganization(command.organizationId());
        requireVersion(command.expectedVersion());
        FieldChecks checks = new FieldChecks();
        Long amount = checks.check(() -> Amounts.toMinor("amount", command.amount(), CurrencyUnit.of(currency)));
        checks.check(() -> requireOneOf("reason", command.reason(), DEBIT_REASONS));
        String invoiceId = checks.check(() -> text("invoice_id", command.invoiceId()));
        if ("invoice_settlement".equals(command.reason()) && invoiceId == null && command.invoiceId() == null) {
            checks.check(() -> {
                throw new ValidationFailedException(new FieldError("invoice_id", "required",
                        "is required for an invoice settlement"));
            });
        }
        EntryDetails details = checks.check(() -> checked(command.details()));
        checks.throwIfFailed();
        List<GrantAmount> consumed = takeAvailable(amount);
        long availableBefore = availableMinor();
        TransactionResponse transaction = applyEntry(new WalletDebitedEvent(walletId, customerId,
                command.transactionId(), currency, amount, command.reason(), invoiceId, details.description(),
                details.reference(), details.metadata(), balanceMinor - amount, consumed, null), metaData);
        recordBalanceLow(availableBefore);
        return transaction;
    }

    @CommandHandler
    WalletResponse handle(UpdateWalletCommand command) {
        requireOrganization(command.organizationId());
        LowBalanceThreshold threshold = command.lowBalanceThreshold();
        if (threshold != null) {
            Long thresholdMinor = threshold.amount() == null ? null
                    : Amounts.toMinor("low_balance_threshold", threshold.amount(), CurrencyUnit.of(currency));
            if (!Objects.equals(thresholdMinor, lowBalanceThresholdMinor)) {
                apply(new WalletLowBalanceThresholdChangedEvent(walletId, currency, thresholdMinor));
            }
        }
        return toResponse();
    }

    @CommandHandler
    HoldResponse handle(CreateHoldCommand command, HoldRegistry registry, DeadlineManager deadlines) {
        requireOrganization(command.organizationId());
        requireVersion(command.expectedVersion());
        Instant now = now();
        FieldChecks checks = new FieldChecks();
        Long amount = checks.check(() -> Amounts.toMinor("amount", command.amount(), CurrencyUnit.of(currency)));
        EntryDetails details = checks.check(() -> checked(command.details()));
        Instant expiresAt = checks.check(() -> command.expiresAt() == null
                ? now.plus(DEFAULT_HOLD_LIFETIME).truncatedTo(ChronoUnit.MILLIS)
                : expiry(command.expiresAt(), now, MAX_HOLD_LIFETIME, "30 days"));
        checks.throwIfFailed();
        List<GrantAmount> reserved = takeAvailable(amount);
        registry.register(organizationId, command.holdId(), walletId);
        deadlines.schedule(expiresAt, HOLD_EXPIRY, due(new HoldExpiryDue(command.holdId())));
        long availableBefore = availableMinor();
        apply(new WalletHoldCreatedEvent(walletId, customerId, command.holdId(), currency, amount, details.reference(),
                details.description(), expiresAt, reserved));
        HoldResponse hold = holds.get(command.holdId()).toResponse(walletId, customerId, currency, amount, "active",
                null, null, updatedAt);
        recordBalanceLow(availableBefore);
        return hold;
    }

    /** Captures an active hold (see {@link HoldCommands}): the debit, then the rest released. */
    TransactionResponse capture(CaptureHoldCommand command, MetaData metaData) {
        requireOrganization(command.organizationId());
        Hold hold = activeHold(command.holdId());
        requireVersion(command.expectedVersion());
        long amount = command.amount() == null ? hold.amountMinor()
                : Amounts.toMinor("amount", command.amount(), CurrencyUnit.of(currency));
        if (amount > hold.amountMinor()) {
            throw new ValidationFailedException(new FieldError("amount", "invalid_value",
                    "must be at most the hold's amount, " + Amounts.format(hold.amountMinor(), currency)));
        }
        long released = hold.amountMinor() - amount;
        List<GrantAmount> consumed = hold.firstOf(amount);
        long availableBefore = availableMinor();
        TransactionResponse transaction = applyEntry(new WalletDebitedEvent(walletId, customerId,
                command.transactionId(), currency, amount, "hold_capture", null, null, null, Map.of(),
                balanceMinor - amount, consumed, command.holdId()), metaData);
        List<GrantAmount> returned = hold.reservations();
        apply(new WalletHoldCapturedEvent(walletId, customerId, command.holdId(), currency, command.transactionId(),
                amount, released));
        expireReturned(returned);
        recordBalanceLow(availableBefore);
        return transaction;
    }

    /** Releases an active hold (see {@link HoldCommands}). */
    HoldResponse release(ReleaseHoldCommand command) {
        requireOrganization(command.organizationId());
        Hold hold = activeHold(command.holdId());
        requireVersion(command.expectedVersion());
        List<GrantAmount> returned = hold.reservations();
        apply(new WalletHoldReleasedEvent(walletId, customerId, command.holdId(), currency, hold.amountMinor()));
        HoldResponse response = hold.toResponse(walletId, customerId, currency, hold.amountMinor(), "released", null,
                null, updatedAt);
        expireReturned(returned);
        return response;
    }

    /** A hold's expiry came: an active hold is released; one captured or released before has nothing to do. */
    @DeadlineHandler(deadlineName = HOLD_EXPIRY)
    void on(HoldExpiryDue due) {
        Hold hold = holds.get(due.holdId());
        if (hold == null) {
            return;
        }
        List<GrantAmount> returned = hold.reservations();
        apply(new WalletHoldExpiredEvent(walletId, customerId, due.holdId(), currency, hold.amountMinor()));
        expireReturned(returned);
    }

    /**
     * A grant's expiry came: what is left of it and not reserved expires, and so does every other grant of the wallet
     * whose expiry has passed, soonest first: when deadlines run late (many due at once), the first of a wallet's does
     * the work of all, and the others find nothing left. Credit an active hold reserves expires when the hold returns
     * it; a grant used up before its expiry records nothing.
     */
    @DeadlineHandler(deadlineName = GRANT_EXPIRY)
    void on(GrantExpiryDue due) {
        Instant now = now();
        grantsInOrder().stream()
                .filter(grant -> grant.grantId().equals(due.grantId()) || grant.expiredAt(now))
                .filter(grant -> grant.freeMinor() > 0)
                .forEach(this::expire);
    }

    /** What a capture, release or expiry of a hold gave back to grants whose expiry has passed expires at once. */
    private void expireReturned(List<GrantAmount> returned) {
        Instant now = now();
        returned.stream().map(GrantAmount::grantId).distinct().map(grants::get)
                .filter(grant -> grant != null && grant.expiredAt(now) && grant.freeMinor() > 0)
                .forEach(this::expire);
    }

    private void expire(Grant grant) {
        long availableBefore = availableMinor();
        long amount = grant.freeMinor();
        apply(new WalletGrantExpiredEvent(walletId, customerId, Ids.next("txn"), grant.grantId(), currency, amount,
                balanceMinor - amount));
        recordBalanceLow(availableBefore);
    }

    /**
     * Records that the entry just applied took the available balance from at or above the low-balance threshold to
     * below it: once per crossing, since a wallet already below its threshold does not cross it again until it is
     * back.
     */
    private void recordBalanceLow(long availableBefore) {
        Long threshold = lowBalanceThresholdMinor;
        if (threshold != null && availableBefore >= threshold && availableMinor() < threshold) {
            apply(new WalletBalanceLowEvent(walletId, customerId, currency, availableMinor(), threshold));
        }
    }

    /** What the source side of a transfer hands the target: its entry, and the grants the target gets. */
    record Outgoing(TransactionResponse transaction, List<TransferredGrant> grants) {
    }

    /**
     * The source side of a transfer (see {@link WalletTransfers}): takes the amount, in the target's currency, from
     * its grants; the target gets one grant per grant taken, with its expiry, named after {@code targetTransactionId}.
     */
    Outgoing transferOut(String transferId, String transactionId, String targetWalletId, String targetCurrency,
                         String amountText, EntryDetails details, MetaData metaData, String targetTransactionId) {
        if (!currency.equals(targetCurrency)) {
            throw new CurrencyMismatchException(currency, targetCurrency);
        }
        long amount = Amounts.toMinor("amount", amountText, CurrencyUnit.of(currency));
        List<GrantAmount> consumed = takeAvailable(amount);
        long availableBefore = availableMinor();
        List<TransferredGrant> moved = new ArrayList<>();
        for (int i = 0; i < consumed.size(); i++) {
            GrantAmount part = consumed.get(i);
            moved.add(new TransferredGrant(i == 0 ? targetTransactionId : targetTransactionId + "_" + (i + 1),
                    part.grantId(), part.amountMinor(), grants.get(part.grantId()).expiresAt()));
        }
        TransactionResponse transaction = applyEntry(new WalletTransferredOutEvent(walletId, customerId,
                transactionId, transferId, targetWalletId, currency, amount, details.description(),
                details.reference(), details.metadata(), balanceMinor - amount, consumed), metaData);
        recordBalanceLow(availableBefore);
        return new Outgoing(transaction, moved);
    }

    /** The target side of a transfer: adds what the source gave, as grants with the source's expiries. */
    TransactionResponse transferIn(String transferId, String transactionId, String sourceWalletId, String amountText,
                                   List<TransferredGrant> moved, EntryDetails details, CustomerLookup customers,
                                   DeadlineManager deadlines, MetaData metaData) {
        long amount = Amounts.toMinor("amount", amountText, CurrencyUnit.of(currency));
        long balanceAfter = deposit(amount);
        customers.requireLiveCustomer(organizationId, customerId);
        moved.stream().filter(grant -> grant.expiresAt() != null)
                .forEach(grant -> scheduleGrantExpiry(deadlines, grant.grantId(), grant.expiresAt()));
        return applyEntry(new WalletTransferredInEvent(walletId, customerId, transactionId, transferId,
                sourceWalletId, currency, amount, details.description(), details.reference(), details.metadata(),
                balanceAfter, moved), metaData);
    }

    String currency() {
        return currency;
    }

    /** Whether anything is left in the wallet: a customer whose wallet holds credit cannot be archived. */
    boolean holdsCredit() {
        return balanceMinor != 0;
    }

    long availableMinor() {
        return balanceMinor - heldMinor;
    }

    /** Grants with something left, in the order debits consume them (for tests of the invariants). */
    List<Grant> grantsInOrder() {
        return grants.values().stream().sorted(Grant.CONSUMPTION_ORDER).toList();
    }

    long balanceMinor() {
        return balanceMinor;
    }

    long heldMinor() {
        return heldMinor;
    }

    /** A ledger entry's details as sent, checked: trimmed texts, and metadata (none: empty) within its limits. */
    static EntryDetails checked(EntryDetails sent) {
        FieldChecks checks = new FieldChecks();
        String description = checks.check(() -> text("description", sent.description()));
        String reference = checks.check(() -> text("reference", sent.reference()));
        Map<String, String> metadata = sent.metadata() == null ? Map.of() : sent.metadata();
        checks.check(() -> requireMetadata(metadata));
        checks.throwIfFailed();
        return new EntryDetails(description, reference, Map.copyOf(metadata));
    }

    private static void requireMetadata(Map<String, String> metadata) {
        if (metadata.size() > MAX_METADATA_KEYS) {
            throw new ValidationFailedException(new FieldError("metadata", "too_many",
                    "must have at most " + MAX_METADATA_KEYS + " keys"));
        }
        metadata.forEach((key, value) -> {
            if (key.isBlank() || TextRule.length(key) > 40 || TextRule.hasControlCharacters(key) || value == null
                    || TextRule.length(value) > MAX_METADATA_VALUE || value.indexOf('\u0000') >= 0) {
                throw new ValidationFailedException(new FieldError("metadata." + key, "invalid_value",
                        "keys are 1 to 40 characters without control characters, values strings of at most "
                                + MAX_METADATA_VALUE + " characters without NUL"));
            }
        });
    }

    /** An expiry as sent: an ISO-8601 instant after now and at most {@code maxAhead} later, kept to the millisecond. */
    private static Instant expiry(String text, Instant now, Duration maxAhead, String maxAheadText) {
        Instant expiresAt;
        try {
            expiresAt = OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new ValidationFailedException(new FieldError("expires_at", "invalid_value",
                    "must be an ISO-8601 timestamp with an offset, such as 2030-01-31T00:00:00Z"));
        }
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(maxAhead))) {
            throw new ValidationFailedException(new FieldError("expires_at", "out_of_range",
                    "must be in the future and at most " + maxAheadText + " ahead"));
        }
        return expiresAt;
    }

    private void scheduleGrantExpiry(DeadlineManager deadlines, String grantId, Instant expiresAt) {
        deadlines.schedule(expiresAt, GRANT_EXPIRY, due(new GrantExpiryDue(grantId)));
    }

    /** A deadline's message: its events are recorded for the wallet's organization, by the system. */
    private GenericMessage<Object> due(Object payload) {
        return new GenericMessage<>(payload, MetaData.with(MetadataKeys.ORGANIZATION_ID, organizationId)
                .and(MetadataKeys.ACTOR_ID, SYSTEM_ACTOR_ID).and(MetadataKeys.ACTOR_NAME, SYSTEM_ACTOR_NAME));
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private long deposit(long amount) {
        if (amount > MAX_BALANCE_MINOR - balanceMinor) {
            throw new BalanceLimitExceededException(Amounts.format(MAX_BALANCE_MINOR, currency), currency);
        }
        return balanceMinor + amount;
    }

    /** The grants an amount of available credit comes from, in consumption order; refused beyond what is available. */
    private List<GrantAmount> takeAvailable(long amount) {
        if (amount > availableMinor()) {
            throw new InsufficientFundsException(Amounts.format(availableMinor(), currency), currency);
        }
        return freeInOrder(amount);
    }

    private List<GrantAmount> freeInOrder(long amount) {
        List<GrantAmount> taken = new ArrayList<>();
        long left = amount;
        for (Grant grant : grantsInOrder()) {
            if (left == 0) {
                break;
            }
            long part = Math.min(left, grant.freeMinor());
            if (part > 0) {
                taken.add(new GrantAmount(grant.grantId(), part));
                left -= part;
            }
        }
        return taken;
    }

    private Hold activeHold(String holdId) {
        Hold hold = holds.get(holdId);
        if (hold == null) {
            throw new HoldNotActiveException(holdId);
        }
        return hold;
    }

    /** Another organization's wallet behaves as if it did not exist. */
    void requireOrganization(String callerOrganizationId) {
        if (!organizationId.equals(callerOrganizationId)) {
            throw new WalletNotFoundException(walletId);
        }
    }

    private void requireVersion(Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != version) {
            throw new VersionConflictException(expectedVersion, version);
        }
    }

    private static void requireOneOf(String field, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new ValidationFailedException(new FieldError(field, value == null ? "required" : "invalid_value",
                    "must be one of " + String.join(", ", allowed.stream().sorted().toList())));
        }
    }

    private static String text(String field, String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (TextRule.violation(trimmed) != null) {
            throw new ValidationFailedException(new FieldError(field, "invalid_value",
                    "must be 1 to " + TextRule.MAX_LENGTH + " characters, without control characters"));
        }
        return trimmed;
    }

    /** Applies an event that records a ledger entry: the entry as the API shows it, who and why from the metadata. */
    private TransactionResponse applyEntry(Object event, MetaData metaData) {
        apply(event);
        return LedgerEntry.of(event).orElseThrow().toResponse(version, Provenance.of(metaData, updatedAt));
    }

    WalletResponse toResponse() {
        return new WalletResponse(walletId, customerId, currency, Amounts.format(balanceMinor, currency), version,
                createdAt, updatedAt,
                lowBalanceThresholdMinor == null ? null : Amounts.format(lowBalanceThresholdMinor, currency),
                Amounts.format(heldMinor, currency), Amounts.format(availableMinor(), currency));
    }

    @EventSourcingHandler
    void on(WalletCreatedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        walletId = event.walletId();
        organizationId = event.organizationId();
        customerId = event.customerId();
        currency = event.currency();
        balanceMinor = 0;
        createdAt = timestamp.truncatedTo(ChronoUnit.MILLIS);
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(WalletCreditedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        addGrant(event.transactionId(), event.expiresAt(), event.amountMinor());
        balanceMinor = event.balanceAfterMinor();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(WalletDebitedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        if (event.holdId() != null) {
            Hold hold = holds.get(event.holdId());
            event.consumedGrants().forEach(part -> grants.get(part.grantId()).unreserve(part.amountMinor()));
            hold.consumed(event.consumedGrants());
            heldMinor -= event.amountMinor();
        }
        consume(event.consumedGrants(), event.amountMinor());
        balanceMinor = event.balanceAfterMinor();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(WalletTransferredOutEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        consume(event.consumedGrants(), event.amountMinor());
        balanceMinor = event.balanceAfterMinor();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(WalletTransferredInEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        if (event.grants() == null) {
            addGrant(event.transactionId(), null, event.amountMinor());
        } else {
            event.grants().forEach(grant -> addGrant(grant.grantId(), grant.expiresAt(), grant.amountMinor()));
        }
        balanceMinor = event.balanceAfterMinor();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(WalletGrantExpiredEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        consume(List.of(new GrantAmount(event.grantId(), event.amountMinor())), event.amountMinor());
        balanceMinor = event.balanceAfterMinor();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(WalletHoldCreatedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        event.reservedGrants().forEach(part -> grants.get(part.grantId()).reserve(part.amountMinor()));
        holds.put(event.holdId(), new Hold(event.holdId(), event.amountMinor(), event.reference(), event.description(),
                event.expiresAt(), timestamp.truncatedTo(ChronoUnit.MILLIS), event.reservedGrants()));
        heldMinor += event.amountMinor();
        touched(timestamp, sequence);
    }

    /** A hold ends (captured, released or expired): what it still reserves is free again. */
    @EventSourcingHandler
    void on(HoldEnded event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        Hold hold = holds.remove(event.holdId());
        hold.reservations().forEach(part -> grants.get(part.grantId()).unreserve(part.amountMinor()));
        heldMinor -= hold.amountMinor();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(WalletLowBalanceThresholdChangedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        lowBalanceThresholdMinor = event.thresholdMinor();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(WalletBalanceLowEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        touched(timestamp, sequence);
    }

    private void addGrant(String grantId, Instant expiresAt, long amountMinor) {
        grants.put(grantId, new Grant(grantId, expiresAt, grantCount++, amountMinor));
    }

    /**
     * Takes what an entry consumed from its grants; entries stored before grants recorded none, and took from the
     * oldest grants (none of which expired then).
     */
    private void consume(List<GrantAmount> consumed, long amountMinor) {
        for (GrantAmount part : consumed == null ? freeInOrder(amountMinor) : consumed) {
            Grant grant = grants.get(part.grantId());
            grant.take(part.amountMinor());
            if (grant.usedUp()) {
                grants.remove(part.grantId());
            }
        }
    }

    private void touched(Instant timestamp, long sequence) {
        updatedAt = timestamp.truncatedTo(ChronoUnit.MILLIS);
        version = sequence + 1;
    }
}
