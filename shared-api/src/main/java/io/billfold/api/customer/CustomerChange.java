package io.billfold.api.customer;

import io.billfold.api.Actor;

import java.time.Instant;
import java.util.List;

/** One entry of a customer's history: one event, who caused it, the version it made and the fields it changed. */
public record CustomerChange(String id, Instant occurredAt, Actor actor, String change, long version, List<FieldChange> fields) {
}
