package io.billfold.command.wallet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.billfold.api.Actor;
import io.billfold.api.MetadataKeys;
import io.billfold.api.error.FieldChecks;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import io.billfold.api.wallet.Amounts;
import io.billfold.api.wallet.BalanceLimitExceededException;
import io.billfold.api.wallet.CreateWalletCommand;
import io.billfold.api.wallet.CreditWalletCommand;
import io.billfold.api.wallet.CurrencyMismatchException;
import io.billfold.api.wallet.DebitWalletCommand;
import io.billfold.api.wallet.InsufficientFundsException;
import io.billfold.api.wallet.LowBalanceThreshold;
import io.billfold.api.wallet.TransactionResponse;
import io.billfold.api.wallet.UpdateWalletCommand;
import io.billfold.api.wallet.VersionConflictException;
import io.billfold.api.wallet.WalletBalanceLowEvent;
import io.billfold.api.wallet.WalletCreatedEvent;
import io.billfold.api.wallet.WalletCreditedEvent;
import io.billfold.api.wallet.WalletDebitedEvent;
import io.billfold.api.wallet.WalletLowBalanceThresholdChangedEvent;
import io.billfold.api.wallet.WalletNotFoundException;
import io.billfold.api.wallet.WalletResponse;
import io.billfold.api.wallet.WalletTransferredInEvent;
import io.billfold.api.wallet.WalletTransferredOutEvent;
import io.billfold.command.CustomerLookup;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.joda.money.CurrencyUnit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Wallet {

    static final Set<String> CREDIT_REASONS =
            Set.of("promotional", "goodwill", "refund", "prepayment", "credit_note", "migration", "correction", "other");
    static final Set<String> DEBIT_REASONS = Set.of("invoice_settlement", "manual_deduction", "correction", "other");
    static final int MAX_METADATA_KEYS = 20;
    /** 10^17 minor units: far beyond any real balance, and far from overflowing a long. */
    static final long MAX_BALANCE_MINOR = 100_000_000_000_000_000L;
    private static final int MAX_TEXT = 255;
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
    TransactionResponse handle(CreditWalletCommand command, CustomerLookup customers, MetaData metaData) {
        requireOrganization(command.organizationId());
        requireVersion(command.expectedVersion());
        FieldChecks checks = new FieldChecks();
        Long amount = checks.check(() -> Amounts.toMinor("amount", command.amount(), CurrencyUnit.of(currency)));
        checks.check(() -> requireOneOf("reason", command.reason(), CREDIT_REASONS));
        Entry entry = checks.check(() -> entry(command.description(), command.reference(), command.metadata()));
        checks.throwIfFailed();
        long balanceAfter = deposit(amount);
        customers.requireLiveCustomer(organizationId, customerId);
        apply(new WalletCreditedEvent(walletId, customerId, command.transactionId(), currency, amount, command.reason(),
                entry.description(), entry.reference(), entry.metadata(), balanceAfter));
        return transaction(command.transactionId(), "credit", amount, command.reason(), entry, null, metaData, null);
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
        Entry entry = checks.check(() -> entry(command.description(), command.reference(), command.metadata()));
        checks.throwIfFailed();
        long balanceAfter = withdraw(amount);
        long balanceBefore = balanceMinor;
        apply(new WalletDebitedEvent(walletId, customerId, command.transactionId(), currency, amount, command.reason(),
                invoiceId, entry.description(), entry.reference(), entry.metadata(), balanceAfter));
        TransactionResponse transaction = transaction(command.transactionId(), "debit", amount, command.reason(), entry,
                invoiceId, metaData, null);
        recordBalanceLow(balanceBefore);
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

    /**
     * Records that the entry just applied took the balance from at or above the low-balance threshold to below it:
     * once per crossing, since a wallet already below its threshold does not cross it again until it is back.
     */
    private void recordBalanceLow(long balanceBefore) {
        Long threshold = lowBalanceThresholdMinor;
        if (threshold != null && balanceBefore >= threshold && balanceMinor < threshold) {
            apply(new WalletBalanceLowEvent(walletId, customerId, currency, balanceMinor, threshold));
        }
    }

    /** The source side of a transfer (see {@link WalletTransfers}): takes the amount, in the target's currency. */
    TransactionResponse transferOut(String transferId, String transactionId, String targetWalletId,
                                    String targetCurrency, String amountText, Entry entry, MetaData metaData) {
        if (!currency.equals(targetCurrency)) {
            throw new CurrencyMismatchException(currency, targetCurrency);
        }
        long amount = Amounts.toMinor("amount", amountText, CurrencyUnit.of(currency));
        long balanceAfter = withdraw(amount);
        long balanceBefore = balanceMinor;
        apply(new WalletTransferredOutEvent(walletId, customerId, transactionId, transferId, targetWalletId, currency,
                amount, entry.description(), entry.reference(), entry.metadata(), balanceAfter));
        TransactionResponse transaction = transaction(transactionId, "debit", amount, "transfer", entry, null, metaData,
                transferId);
        recordBalanceLow(balanceBefore);
        return transaction;
    }

    /** The target side of a transfer: adds what the source gave. */
    TransactionResponse transferIn(String transferId, String transactionId, String sourceWalletId, String amountText,
                                   Entry entry, CustomerLookup customers, MetaData metaData) {
        long amount = Amounts.toMinor("amount", amountText, CurrencyUnit.of(currency));
        long balanceAfter = deposit(amount);
        customers.requireLiveCustomer(organizationId, customerId);
        apply(new WalletTransferredInEvent(walletId, customerId, transactionId, transferId, sourceWalletId, currency,
                amount, entry.description(), entry.reference(), entry.metadata(), balanceAfter));
        return transaction(transactionId, "credit", amount, "transfer", entry, null, metaData, transferId);
    }

    String currency() {
        return currency;
    }

    /** Whether anything is left in the wallet: a customer whose wallet holds credit cannot be archived. */
    boolean holdsCredit() {
        return balanceMinor != 0;
    }

    /** The checked free-text parts of a ledger entry. */
    record Entry(String description, String reference, Map<String, String> metadata) {
    }

    static Entry entry(String description, String reference, Map<String, String> metadata) {
        FieldChecks checks = new FieldChecks();
        String checkedDescription = checks.check(() -> text("description", description));
        String checkedReference = checks.check(() -> text("reference", reference));
        Map<String, String> checked = metadata == null ? Map.of() : metadata;
        checks.check(() -> requireMetadata(checked));
        checks.throwIfFailed();
        return new Entry(checkedDescription, checkedReference, Map.copyOf(checked));
    }

    private static void requireMetadata(Map<String, String> metadata) {
        if (metadata.size() > MAX_METADATA_KEYS) {
            throw new ValidationFailedException(new FieldError("metadata", "too_many",
                    "must have at most " + MAX_METADATA_KEYS + " keys"));
        }
        metadata.forEach((key, value) -> {
            if (key.isBlank() || key.length() > 40 || hasControlCharacters(key) || value == null
                    || value.length() > MAX_METADATA_VALUE || value.indexOf('\u0000') >= 0) {
                throw new ValidationFailedException(new FieldError("metadata." + key, "invalid_value",
                        "keys are 1 to 40 characters without control characters, values strings of at most "
                                + MAX_METADATA_VALUE + " characters without NUL"));
            }
        });
    }

    private long deposit(long amount) {
        if (amount > MAX_BALANCE_MINOR - balanceMinor) {
            throw new BalanceLimitExceededException(Amounts.format(MAX_BALANCE_MINOR, currency), currency);
        }
        return balanceMinor + amount;
    }

    private long withdraw(long amount) {
        if (amount > balanceMinor) {
            throw new InsufficientFundsException(Amounts.format(balanceMinor, currency), currency);
        }
        return balanceMinor - amount;
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
        if (trimmed.isEmpty() || trimmed.length() > MAX_TEXT || hasControlCharacters(trimmed)) {
            throw new ValidationFailedException(new FieldError(field, "invalid_value",
                    "must be 1 to " + MAX_TEXT + " characters, without control characters"));
        }
        return trimmed;
    }

    /** Control characters (NUL above all, which PostgreSQL text cannot hold) never enter a ledger entry. */
    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    /** The entry just applied, as the API shows it; who and why come from the command's metadata. */
    private TransactionResponse transaction(String transactionId, String type, long amount, String reason, Entry entry,
                                            String invoiceId, MetaData metaData, String transferId) {
        return new TransactionResponse(transactionId, walletId, customerId, type, Amounts.format(amount, currency),
                currency, reason, entry.description(), entry.reference(), invoiceId, entry.metadata(),
                Amounts.format(balanceMinor, currency), version,
                new Actor((String) metaData.get(MetadataKeys.ACTOR_ID), (String) metaData.get(MetadataKeys.ACTOR_NAME)),
                (String) metaData.get(MetadataKeys.IDEMPOTENCY_KEY), (String) metaData.get(MetadataKeys.REQUEST_ID),
                updatedAt, transferId);
    }

    WalletResponse toResponse() {
        return new WalletResponse(walletId, customerId, currency, Amounts.format(balanceMinor, currency), version,
                createdAt, updatedAt,
                lowBalanceThresholdMinor == null ? null : Amounts.format(lowBalanceThresholdMinor, currency));
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
        balanceMinor = event.balanceAfterMinor();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(WalletDebitedEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        balanceMinor = event.balanceAfterMinor();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(WalletTransferredOutEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        balanceMinor = event.balanceAfterMinor();
        touched(timestamp, sequence);
    }

    @EventSourcingHandler
    void on(WalletTransferredInEvent event, @Timestamp Instant timestamp, @SequenceNumber long sequence) {
        balanceMinor = event.balanceAfterMinor();
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

    private void touched(Instant timestamp, long sequence) {
        updatedAt = timestamp.truncatedTo(ChronoUnit.MILLIS);
        version = sequence + 1;
    }
}
