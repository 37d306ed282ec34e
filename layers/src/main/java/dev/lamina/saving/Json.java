package dev.lamina.saving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * JSON for the saved-model entries, and typed access to parsed JSON that turns every surprise
 * (a missing key, a string where a number belongs) into a {@link ModelFormatException} naming the
 * entry and the key, instead of a ClassCastException from deep inside a layer.
 */
public final class Json {

    /**
     * Strict on reading: a duplicated key could make two readers of the same file disagree, and
     * trailing tokens mean the entry is not what was written. Jackson's default stream constraints
     * (nesting depth 1000, numbers of 1000 digits) bound the parser itself.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Path file;
    private final String entry;

    /**
     * @param file the file, for messages
     * @param entry the entry the values come from, for messages
     */
    public Json(Path file, String entry) {
        this.file = file;
        this.entry = entry;
    }

    public static byte[] write(Object value) throws IOException {
        return MAPPER.writeValueAsBytes(value);
    }

    /** Parses an entry that must hold a JSON object. */
    public Map<String, Object> parseObject(byte[] bytes) throws ModelFormatException {
        try {
            Map<String, Object> m = MAPPER.readValue(bytes, MAP);
            if (m == null) {
                throw fail("is not a JSON object");
            }
            return m;
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(file, entry, "is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(file, entry, "cannot be parsed: " + e.getMessage(), e);
        }
    }

    public ModelFormatException fail(String message) {
        return new ModelFormatException(file, entry, message);
    }

    public ModelFormatException fail(String message, Throwable cause) {
        return new ModelFormatException(file, entry, message, cause);
    }

    public Object require(Map<String, Object> m, String key, String where) throws ModelFormatException {
        if (!m.containsKey(key) || m.get(key) == null) {
            throw fail(where + ": missing \"" + key + "\"");
        }
        return m.get(key);
    }

    public String string(Map<String, Object> m, String key, String where) throws ModelFormatException {
        if (require(m, key, where) instanceof String s) {
            return s;
        }
        throw fail(where + ": \"" + key + "\" must be a string, found " + describe(m.get(key)));
    }

    /** A string, or {@code null} when the key is absent or null. */
    public String optionalString(Map<String, Object> m, String key, String where) throws ModelFormatException {
        Object v = m.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw fail(where + ": \"" + key + "\" must be a string or null, found " + describe(v));
    }

    public long integer(Map<String, Object> m, String key, String where) throws ModelFormatException {
        return integer(require(m, key, where), where + ": \"" + key + "\"");
    }

    public long integer(Object v, String where) throws ModelFormatException {
        // Integer or Long only: Jackson parses larger literals to BigInteger and fractions to Double.
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw fail(where + " must be an integer, found " + describe(v));
    }

    public double number(Map<String, Object> m, String key, String where) throws ModelFormatException {
        Object v = require(m, key, where);
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw fail(where + ": \"" + key + "\" must be a finite number, found " + describe(v));
    }

    public boolean bool(Map<String, Object> m, String key, boolean fallback, String where) throws ModelFormatException {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw fail(where + ": \"" + key + "\" must be true or false, found " + describe(v));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object(Object v, String where) throws ModelFormatException {
        if (v instanceof Map<?, ?> map) {
            return (Map<String, Object>) map; // Jackson's maps always have String keys
        }
        throw fail(where + " must be a JSON object, found " + describe(v));
    }

    public Map<String, Object> object(Map<String, Object> m, String key, String where) throws ModelFormatException {
        return object(require(m, key, where), where + ": \"" + key + "\"");
    }

    public List<?> list(Object v, String where) throws ModelFormatException {
        if (v instanceof List<?> l) {
            return l;
        }
        throw fail(where + " must be a JSON array, found " + describe(v));
    }

    public List<?> list(Map<String, Object> m, String key, String where) throws ModelFormatException {
        return list(require(m, key, where), where + ": \"" + key + "\"");
    }

    /** A short array of integers, e.g. a seed generator's {@code [seed, counter]}. */
    public long[] longs(Map<String, Object> m, String key, String where) throws ModelFormatException {
        List<?> l = list(m, key, where);
        if (l.size() > 16) {
            throw fail(where + ": \"" + key + "\" has " + l.size() + " entries; at most 16 are expected");
        }
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(l.get(i), where + ": \"" + key + "\"[" + i + "]");
        }
        return out;
    }

    /** A shape: non-negative integers whose product (the element count) fits in a long. */
    public long[] shape(Object v, String where) throws ModelFormatException {
        List<?> l = list(v, where);
        if (l.size() > 32) {
            throw fail(where + " has rank " + l.size() + "; at most 32 is supported");
        }
        long[] s = new long[l.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = integer(l.get(i), where + "[" + i + "]");
            if (s[i] < 0) {
                throw fail(where + " has a negative dimension " + s[i]);
            }
        }
        elements(s, where);
        return s;
    }

    /** The number of elements of a shape, or a failure when it overflows. */
    public long elements(long[] shape, String where) throws ModelFormatException {
        long n = 1;
        try {
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
        } catch (ArithmeticException e) {
            throw fail(where + ": shape " + java.util.Arrays.toString(shape) + " is too large");
        }
        return n;
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String s = String.valueOf(v);
        return v.getClass().getSimpleName() + " " + (s.length() > 60 ? s.substring(0, 60) + "…" : s);
    }
}
