package io.billfold.api;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** ISO 3166-1 country codes as the API reads them: alpha-2 or alpha-3 in, alpha-2 out. */
public final class Countries {

    private static final Set<String> ALPHA_2 = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
    private static final Map<String, String> ALPHA_3_TO_2 = alpha3ToAlpha2();

    private Countries() {
    }

    public static Optional<String> toAlpha2(String code) {
        String upper = code.strip().toUpperCase(Locale.ROOT);
        if (upper.length() == 2 && ALPHA_2.contains(upper)) {
            return Optional.of(upper);
        }
        return Optional.ofNullable(upper.length() == 3 ? ALPHA_3_TO_2.get(upper) : null);
    }

    private static Map<String, String> alpha3ToAlpha2() {
        Map<String, String> map = new HashMap<>();
        for (String alpha2 : ALPHA_2) {
            map.put(new Locale("", alpha2).getISO3Country(), alpha2);
        }
        return Map.copyOf(map);
    }
}
