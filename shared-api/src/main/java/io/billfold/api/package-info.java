/**
 * The language both sides speak: commands, events, queries and response types as plain records. No Spring, no JPA;
 * Jackson annotations only where a response must render a value verbatim.
 */
package io.billfold.api;
