package io.billfold.platform.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.billfold.api.customer.CustomerErasedEvent;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Encrypts the personal members of a stored event (or snapshot) in its JSON tree, and opens them again when it is
 * read. Each non-null personal value becomes the string {@code "pd1:" + base64(nonce, ciphertext, tag)} of its JSON,
 * sealed with the data subject's key ({@link DataKeys}) and bound to its path; ids, amounts, reasons and every other
 * member stay in clear, so upcasters, projections and audits read them as before. Once the subject is erased, readers
 * get each member's placeholder ({@link io.billfold.api.PersonalData#erasedAs()}) instead. A value without the prefix
 * was written in clear (before the one-time migration that encrypted history) and is read as it is.
 */
public final class PersonalDataProtection {

    private static final String PREFIX = "pd1:";
    /** A string value starting with the prefix, as it appears in stored JSON. */
    private static final byte[] MARKER = ("\"" + PREFIX).getBytes(StandardCharsets.US_ASCII);

    private final SubjectKeys keys;
    /** Writes and reads trees only, which no mapper setting changes. */
    private final ObjectMapper json = new ObjectMapper();

    PersonalDataProtection(SubjectKeys keys) {
        this.keys = keys;
    }

    /** Whether values of {@code type} hold personal data. */
    public boolean applies(Class<?> type) {
        return PersonalFields.of(type).personal();
    }

    /** Replaces the tree's personal values (of a {@code type}) by their ciphertexts. */
    public void protect(ObjectNode tree, Class<?> type) {
        protect(tree, type, false);
    }

    /**
     * As {@link #protect}, leaving values that are ciphertexts already: for the one-time encryption of history, which
     * must not seal a value twice (a new event's value is sealed whatever it looks like).
     */
    void protectClear(ObjectNode tree, Class<?> type) {
        protect(tree, type, true);
    }

    private void protect(ObjectNode tree, Class<?> type, boolean leaveSealed) {
        PersonalFields.Layout layout = PersonalFields.of(type);
        String subject = tree.path(layout.subject()).asText(null);
        SecretKey key = null;
        boolean erased = false;
        for (PersonalFields.Field field : layout.fields()) {
            ObjectNode parent = parent(tree, field.path());
            String name = last(field.path());
            JsonNode value = parent == null ? null : parent.get(name);
            // An empty list or map (a credit's metadata, most of the time) holds nothing personal: no key is needed.
            if (value == null || value.isNull() || value.equals(field.erasedAs()) || leaveSealed && sealed(value)) {
                continue;
            }
            if (subject == null) {
                throw new IllegalStateException(type.getName() + " holds personal data without its data subject");
            }
            if (key == null && !erased) {
                key = keys.forWriting(subject);
                erased = key == null;
            }
            parent.set(name, erased ? field.erasedAs().deepCopy() : seal(key, field, value));
        }
    }

    /** Opens the tree's personal values (of a {@code type}), or puts their placeholders in once the subject is erased. */
    public void reveal(ObjectNode tree, Class<?> type) {
        PersonalFields.Layout layout = PersonalFields.of(type);
        String subject = tree.path(layout.subject()).asText(null);
        Optional<SecretKey> key = null;
        for (PersonalFields.Field field : layout.fields()) {
            ObjectNode parent = parent(tree, field.path());
            String name = last(field.path());
            JsonNode value = parent == null ? null : parent.get(name);
            if (value == null || !sealed(value)) {
                continue;
            }
            if (key == null) {
                key = subject == null ? Optional.empty() : keys.forReading(subject);
            }
            parent.set(name, key.isPresent() ? open(key.get(), field, value.textValue())
                    : field.erasedAs().deepCopy());
        }
    }

    /** False when stored JSON holds no ciphertext at all, so that it can be read without looking at its members. */
    public static boolean mayHoldCiphertext(byte[] json) {
        outer:
        for (int i = 0; i <= json.length - MARKER.length; i++) {
            for (int j = 0; j < MARKER.length; j++) {
                if (json[i + j] != MARKER[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Called with every stored value read: reading a customer's erasure evicts its key here, whatever else did. */
    public void observed(Object value) {
        if (value instanceof CustomerErasedEvent erased) {
            keys.evict(erased.customerId());
        }
    }

    private static boolean sealed(JsonNode value) {
        return value.isTextual() && value.textValue().startsWith(PREFIX);
    }

    private TextNode seal(SecretKey key, PersonalFields.Field field, JsonNode value) {
        try {
            byte[] sealed = AesGcm.seal(key, field.associatedData(), json.writeValueAsBytes(value));
            return TextNode.valueOf(PREFIX + Base64.getEncoder().encodeToString(sealed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode open(SecretKey key, PersonalFields.Field field, String sealed) {
        byte[] plain = AesGcm.open(key, field.associatedData(),
                Base64.getDecoder().decode(sealed.substring(PREFIX.length())));
        try {
            return json.readTree(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode parent(ObjectNode tree, List<String> path) {
        JsonNode node = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            node = node.get(path.get(i));
            if (node == null || !node.isObject()) {
                return null;
            }
        }
        return (ObjectNode) node;
    }

    private static String last(List<String> path) {
        return path.get(path.size() - 1);
    }
}
