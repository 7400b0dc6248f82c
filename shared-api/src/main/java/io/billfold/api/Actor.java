package io.billfold.api;

/** Who caused a change: the API key that sent the command. */
public record Actor(String id, String name) {
}
