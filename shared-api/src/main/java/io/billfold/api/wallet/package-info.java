/** Credit wallets: their commands, events, queries, responses and rule violations. */
package io.billfold.api.wallet;
