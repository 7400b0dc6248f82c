package io.billfold.platform.auth;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do within its organization; each role includes the ones below it. */
public enum Role {
    READER, WRITER, ADMIN;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public String apiName() {
        return name().toLowerCase();
    }

    public static Optional<Role> ofApiName(String name) {
        return Arrays.stream(values()).filter(role -> role.apiName().equals(name)).findFirst();
    }
}
