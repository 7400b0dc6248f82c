package io.billfold.command;

/** What the customer feature may ask about a customer's wallets. */
public interface CustomerWallets {

    /** Fails with {@code WalletBalanceNotZeroException} while any wallet of the customer holds credit. */
    void requireEmpty(String customerId);
}
