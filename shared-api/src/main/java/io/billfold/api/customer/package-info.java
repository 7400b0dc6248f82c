/** Customers: their commands, events, queries, responses and rule violations. */
package io.billfold.api.customer;
