package io.billfold.command.customer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks the format (and, where the scheme has one, the check digits) of a customer's tax identifier. */
final class TaxIdValidator {

    /** The tax_code values the API accepts. */
    enum Scheme {
        IN_GST, AU_GST, EU_VAT, FR_VAT, SG_GST, US_EIN;

        /** The scheme for an API tax_code (case-insensitive), or empty when unknown. */
        static Optional<Scheme> of(String taxCode) {
            return Arrays.stream(values()).filter(scheme -> scheme.name().equalsIgnoreCase(taxCode)).findFirst();
        }
    }

    /** Either the normalised identifier (separators removed, upper case) or why it is invalid (one English sentence, no personal data echoed back). */
    record Result(String normalised, String error) {
        boolean valid() {
            return error == null;
        }
    }

    private static final Pattern SEPARATORS = Pattern.compile("[ .-]");

    /** State code, PAN (5 letters, 4 digits, 1 letter), entity number, 'Z', check character. */
    private static final Pattern GSTIN = Pattern.compile("([0-9]{2})[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]");
    private static final int GSTIN_RADIX = 36;

    private static final Pattern ABN = Pattern.compile("[0-9]{11}");
    private static final int[] ABN_WEIGHTS = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};

    private static final Pattern EIN = Pattern.compile("[0-9]{9}");
    /** The prefixes the IRS assigns to its campuses; the others have never been issued. */
    private static final Pattern EIN_PREFIX =
            Pattern.compile("0[1-6]|1[0-6]|2[0-7]|3[0-9]|4[0-8]|5[0-9]|6[0-8]|7[1-7]|8[0-8]|9[0-5]|9[89]");

    /** Group 1 is the key when it is numeric; keys containing a letter (never I or O) carry no checksum. */
    private static final Pattern FR_VAT = Pattern.compile("FR(?:([0-9]{2})|[0-9A-HJ-NP-Z]{2})([0-9]{9})");

    private static final Pattern EU_VAT = Pattern.compile("([A-Z]{2})(.*)", Pattern.DOTALL);

    private record Format(Pattern pattern, String description) {
        Format(String regex, String description) {
            this(Pattern.compile(regex), description);
        }
    }

    /** The VIES formats of the part after the country prefix; FR is checked by the FR_VAT rules instead. */
    private static final Map<String, Format> EU_VAT_FORMATS = Map.ofEntries(
            Map.entry("AT", new Format("U[0-9]{8}", "U followed by 8 digits")),
            Map.entry("BE", new Format("[01][0-9]{9}", "10 digits starting with 0 or 1")),
            Map.entry("BG", new Format("[0-9]{9,10}", "9 or 10 digits")),
            Map.entry("CY", new Format("[0-9]{8}[A-Z]", "8 digits followed by a letter")),
            Map.entry("CZ", new Format("[0-9]{8,10}", "8 to 10 digits")),
            Map.entry("DE", new Format("[0-9]{9}", "9 digits")),
            Map.entry("DK", new Format("[0-9]{8}", "8 digits")),
            Map.entry("EE", new Format("[0-9]{9}", "9 digits")),
            Map.entry("EL", new Format("[0-9]{9}", "9 digits")),
            Map.entry("ES", new Format("[0-9A-Z][0-9]{7}[0-9A-Z]", "a letter or digit, 7 digits and a letter or digit")),
            Map.entry("FI", new Format("[0-9]{8}", "8 digits")),
            Map.entry("HR", new Format("[0-9]{11}", "11 digits")),
            Map.entry("HU", new Format("[0-9]{8}", "8 digits")),
            Map.entry("IE", new Format("[0-9]{7}[A-Z]{1,2}|[0-9][A-Z+*][0-9]{5}[A-Z]",
                    "7 digits followed by 1 or 2 letters, or in the old format a digit, a letter or + or *, 5 digits and a letter")),
            Map.entry("IT", new Format("[0-9]{11}", "11 digits")),
            Map.entry("LT", new Format("[0-9]{9}|[0-9]{12}", "9 or 12 digits")),
            Map.entry("LU", new Format("[0-9]{8}", "8 digits")),
            Map.entry("LV", new Format("[0-9]{11}", "11 digits")),
            Map.entry("MT", new Format("[0-9]{8}", "8 digits")),
            Map.entry("NL", new Format("[0-9]{9}B[0-9]{2}", "9 digits, the letter B and 2 digits")),
            Map.entry("PL", new Format("[0-9]{10}", "10 digits")),
            Map.entry("PT", new Format("[0-9]{9}", "9 digits")),
            Map.entry("RO", new Format("[0-9]{2,10}", "2 to 10 digits")),
            Map.entry("SE", new Format("[0-9]{12}", "12 digits")),
            Map.entry("SI", new Format("[0-9]{8}", "8 digits")),
            Map.entry("SK", new Format("[0-9]{10}", "10 digits")),
            Map.entry("XI", new Format("[0-9]{9}|[0-9]{12}|GD[0-9]{3}|HA[0-9]{3}",
                    "9 or 12 digits, or GD or HA followed by 3 digits")));

    private static final Pattern SG_GST = Pattern.compile(
            "M[0-9A-Z][0-9]{7}[A-Z]"                    // GST registration number
            + "|[0-9]{8}[A-Z]"                          // UEN of a business
            + "|(?:19|20)[0-9]{7}[A-Z]"                 // UEN of a local company
            + "|[RST][0-9]{2}[A-Z]{2}[0-9]{4}[A-Z]");   // UEN of any other entity

    private TaxIdValidator() {
    }

    static Result validate(Scheme scheme, String rawTaxId) {
        Objects.requireNonNull(scheme, "scheme");
        String taxId = rawTaxId == null ? "" : SEPARATORS.matcher(rawTaxId.strip()).replaceAll("").toUpperCase(Locale.ROOT);
        if (taxId.isEmpty()) {
            return new Result(null, "is required");
        }
        String error = switch (scheme) {
            case IN_GST -> gstinError(taxId);
            case AU_GST -> abnError(taxId);
            case EU_VAT -> euVatError(taxId);
            case FR_VAT -> frenchVatError(taxId);
            case SG_GST -> singaporeGstError(taxId);
            case US_EIN -> einError(taxId);
        };
        return error == null ? new Result(taxId, null) : new Result(null, error);
    }

    // Each check below returns why the normalised identifier is invalid, or null when it is valid.

    private static String gstinError(String gstin) {
        if (gstin.length() != 15) {
            return "must be 15 characters";
        }
        Matcher matcher = GSTIN.matcher(gstin);
        if (!matcher.matches()) {
            return "is not a valid GSTIN: it must be a state code, a PAN, an entity number, the letter Z and a check character";
        }
        int stateCode = Integer.parseInt(matcher.group(1));
        if ((stateCode < 1 || stateCode > 38) && stateCode != 97 && stateCode != 99) {
            return "is not a valid GSTIN: the state code does not exist";
        }
        return gstin.charAt(14) == gstinCheckCharacter(gstin)
                ? null
                : "is not a valid GSTIN: the check character does not match";
    }

    private static char gstinCheckCharacter(String gstin) {
        int sum = 0;
        for (int i = 0; i < 14; i++) {
            int product = Character.digit(gstin.charAt(i), GSTIN_RADIX) * (i % 2 == 0 ? 1 : 2);
            sum += product / GSTIN_RADIX + product % GSTIN_RADIX;
        }
        int check = (GSTIN_RADIX - sum % GSTIN_RADIX) % GSTIN_RADIX;
        return Character.toUpperCase(Character.forDigit(check, GSTIN_RADIX));
    }

    private static String abnError(String abn) {
        if (!ABN.matcher(abn).matches()) {
            return "must be 11 digits";
        }
        int sum = 0;
        for (int i = 0; i < ABN_WEIGHTS.length; i++) {
            int digit = abn.charAt(i) - '0' - (i == 0 ? 1 : 0);
            sum += digit * ABN_WEIGHTS[i];
        }
        return sum % 89 == 0 ? null : "is not a valid ABN: the checksum does not match";
    }

    private static String einError(String ein) {
        if (!EIN.matcher(ein).matches()) {
            return "must be 9 digits";
        }
        return EIN_PREFIX.matcher(ein.substring(0, 2)).matches()
                ? null
                : "is not a valid EIN: its first two digits are not a prefix the IRS assigns";
    }

    private static String frenchVatError(String vat) {
        Matcher matcher = FR_VAT.matcher(vat);
        if (!matcher.matches()) {
            return "must be FR followed by a 2-character key and a 9-digit SIREN";
        }
        String numericKey = matcher.group(1);
        int siren = Integer.parseInt(matcher.group(2));
        if (numericKey != null && Integer.parseInt(numericKey) != (12 + 3 * (siren % 97)) % 97) {
            return "is not a valid French VAT number: the key does not match the SIREN";
        }
        return null;
    }

    private static String euVatError(String vat) {
        Matcher matcher = EU_VAT.matcher(vat);
        if (!matcher.matches()) {
            return "must start with a two-letter country prefix";
        }
        String prefix = matcher.group(1);
        if (prefix.equals("FR")) {
            return frenchVatError(vat);
        }
        Format format = EU_VAT_FORMATS.get(prefix);
        if (format == null) {
            return "is not a valid EU VAT number: the country prefix is not an EU VAT prefix";
        }
        return format.pattern().matcher(matcher.group(2)).matches()
                ? null
                : "is not a valid EU VAT number: after the country prefix it must be " + format.description();
    }

    private static String singaporeGstError(String gst) {
        if (gst.length() != 9 && gst.length() != 10) {
            return "must be 9 or 10 characters";
        }
        return SG_GST.matcher(gst).matches()
                ? null
                : "is not a valid Singapore GST registration number or UEN";
    }
}
