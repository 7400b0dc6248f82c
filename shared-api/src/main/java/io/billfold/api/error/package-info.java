/** Typed rule violations shared by both sides, each carrying its API error code. */
package io.billfold.api.error;
