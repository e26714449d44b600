package dev.diundashboard.migrate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON rendered by meaning, in one pass over its UTF-8 bytes and without building a tree: object
 * members sorted by key, numbers by value ({@code 1.50} = {@code 1.5}, {@code 1e2} = {@code 100}),
 * strings by their characters (an escape counts as the character it stands for), whitespace gone. PostgreSQL's jsonb and
 * SQLite's text of the same JSON render identically.
 *
 * <p>The same pass applies the application's limits ({@link RowLimits#MAX_JSON_DEPTH} levels of
 * nesting, numbers of {@link RowLimits#MAX_NUMBER_DIGITS} digits) and refuses what jsonb would not
 * keep as written: duplicate keys (jsonb keeps the last) and, when asked, {@code \u0000} and
 * unpaired surrogates (jsonb rejects them). Only RFC 8259 JSON is accepted, with strict UTF-8.
 *
 * <p>The rendering: objects {@code {key value key value}} with members in the order of their keys'
 * renderings; arrays {@code [value value]}; strings {@code s}, their byte length (4 bytes) and their
 * characters in UTF-8 (an unpaired surrogate as its own three bytes, as WTF-8 does, so that it stays
 * distinct); numbers {@code n}, {@link BigDecimal}'s text of the value without trailing zeros, and
 * {@code ;}; {@code t}, {@code f} and {@code z} for true, false and null. Each value's rendering ends
 * where a reader of the rendering can tell, so two different values never render alike.
 */
final class JsonCanonicalForm {

    private static final int MAX_DEPTH = RowLimits.MAX_JSON_DEPTH;
    private static final int MAX_DIGITS = RowLimits.MAX_NUMBER_DIGITS;
    /** Longer number texts are refused before they are parsed at all. */
    private static final int MAX_NUMBER_TEXT = 4 * MAX_DIGITS;

    private byte[] in;
    private int pos;
    private ByteSink out;
    private boolean postgresSafe;
    private boolean allowDuplicates;

    /** Where each member of the objects being rendered starts in {@code out}, innermost last. */
    private int[] members = new int[64];

    private int memberCount;
    /** Sorting scratch, used by one object at a time (its members are rendered by then). */
    private int[] order = new int[64];

    private int[] orderScratch = new int[64];
    private int[] ends = new int[64];
    private final ByteSink reorder = new ByteSink(1024);

    /**
     * Appends the canonical rendering of {@code json} (UTF-8) to {@code out}; on failure {@code out}
     * may hold part of it.
     *
     * @param postgresSafe also require what jsonb needs to keep the value exactly
     * @throws InvalidJsonException when the text is not one JSON value, is beyond the application's
     *     limits, has duplicate keys or (postgresSafe) is not jsonb-safe
     */
    void render(byte[] json, ByteSink out, boolean postgresSafe) throws InvalidJsonException {
        this.in = json;
        this.pos = 0;
        this.out = out;
        this.postgresSafe = postgresSafe;
        this.allowDuplicates = false;
        this.memberCount = 0;
        try {
            skipWhitespace();
            if (pos == in.length) {
                throw new InvalidJsonException("empty JSON text");
            }
            value(0);
            skipWhitespace();
            if (pos != in.length) {
                throw new InvalidJsonException("content after the JSON value");
            }
        } finally {
            this.in = null;
            this.out = null;
        }
    }

    /**
     * Null when {@code json} is one JSON value within the application's limits, else why not;
     * duplicate keys are no problem here.
     */
    String problem(byte[] json) {
        ByteSink sink = new ByteSink(Math.min(json.length + 16, 1 << 16));
        try {
            render(json, sink, false);
            return null;
        } catch (InvalidJsonException e) {
            if (!e.duplicateKey()) {
                return e.getMessage();
            }
        }
        sink.reset();
        try {
            this.in = json;
            this.pos = 0;
            this.out = sink;
            this.postgresSafe = false;
            this.allowDuplicates = true;
            this.memberCount = 0;
            skipWhitespace();
            value(0);
            skipWhitespace();
            return pos == in.length ? null : "content after the JSON value";
        } catch (InvalidJsonException e) {
            return e.getMessage();
        } finally {
            this.in = null;
            this.out = null;
            this.allowDuplicates = false;
        }
    }

    private void value(int depth) throws InvalidJsonException {
        if (pos == in.length) {
            throw unexpectedEnd();
        }
        byte b = in[pos];
        switch (b) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> {
                out.write('s');
                string();
            }
            case 't' -> literal("true", 't');
            case 'f' -> literal("false", 'f');
            case 'n' -> literal("null", 'z');
            default -> {
                if (b == '-' || (b >= '0' && b <= '9')) {
                    number();
                } else {
                    throw unexpected();
                }
            }
        }
    }

    private static void checkDepth(int depth) throws InvalidJsonException {
        if (depth > MAX_DEPTH) {
            throw new InvalidJsonException("nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private void array(int depth) throws InvalidJsonException {
        checkDepth(depth);
        pos++;
        out.write('[');
        skipWhitespace();
        if (pos < in.length && in[pos] == ']') {
            pos++;
        } else {
            while (true) {
                skipWhitespace();
                value(depth);
                if (closesOrContinues((byte) ']')) {
                    break;
                }
            }
        }
        out.write(']');
    }

    private void object(int depth) throws InvalidJsonException {
        checkDepth(depth);
        pos++;
        out.write('{');
        int base = memberCount;
        boolean sorted = true;
        skipWhitespace();
        if (pos < in.length && in[pos] == '}') {
            pos++;
        } else {
            while (true) {
                skipWhitespace();
                if (pos == in.length) {
                    throw unexpectedEnd();
                }
                if (in[pos] != '"') {
                    throw unexpected();
                }
                int start = out.size();
                out.write('s');
                string();
                if (memberCount > base) {
                    int c = compareKeys(out.array(), members[memberCount - 1], start);
                    if (c == 0 && !allowDuplicates) {
                        throw duplicate(start);
                    }
                    sorted &= c < 0;
                }
                pushMember(start);
                skipWhitespace();
                if (pos == in.length) {
                    throw unexpectedEnd();
                }
                if (in[pos] != ':') {
                    throw unexpected();
                }
                pos++;
                skipWhitespace();
                value(depth);
                if (closesOrContinues((byte) '}')) {
                    break;
                }
            }
        }
        if (!sorted) {
            sortMembers(base, memberCount - base);
        }
        memberCount = base;
        out.write('}');
    }

    private void pushMember(int start) {
        if (memberCount == members.length) {
            members = Arrays.copyOf(members, members.length * 2);
        }
        members[memberCount++] = start;
    }

    /** Orders the {@code n} members starting at {@code members[base]} by key; refuses equal keys. */
    private void sortMembers(int base, int n) throws InvalidJsonException {
        if (order.length < n) {
            order = new int[n];
            orderScratch = new int[n];
            ends = new int[n];
        }
        int end = out.size();
        for (int i = 0; i < n; i++) {
            order[i] = i;
            ends[i] = i + 1 < n ? members[base + i + 1] : end;
        }
        byte[] a = out.array();
        mergeSort(a, base, 0, n);
        for (int i = 1; i < n && !allowDuplicates; i++) {
            if (compareKeys(a, members[base + order[i - 1]], members[base + order[i]]) == 0) {
                throw duplicate(members[base + order[i]]);
            }
        }
        int first = members[base];
        reorder.reset();
        reorder.write(a, first, end - first);
        out.truncate(first);
        for (int i = 0; i < n; i++) {
            int m = order[i];
            out.write(reorder.array(), members[base + m] - first, ends[m] - members[base + m]);
        }
    }

    /** A stable merge sort of {@code order[from, to)} by the members' keys. */
    private void mergeSort(byte[] a, int base, int from, int to) {
        if (to - from <= 12) {
            for (int i = from + 1; i < to; i++) {
                int m = order[i];
                int j = i - 1;
                while (j >= from && compareKeys(a, members[base + order[j]], members[base + m]) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = m;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, base, from, mid);
        mergeSort(a, base, mid, to);
        System.arraycopy(order, from, orderScratch, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to
                    || (i < mid
                            && compareKeys(a, members[base + orderScratch[i]], members[base + orderScratch[j]]) <= 0)) {
                order[k] = orderScratch[i++];
            } else {
                order[k] = orderScratch[j++];
            }
        }
    }

    /** Compares two rendered keys ({@code s}, length, bytes): shorter first, then by bytes, as jsonb orders them. */
    private static int compareKeys(byte[] a, int x, int y) {
        int lx = intAt(a, x + 1);
        int ly = intAt(a, y + 1);
        if (lx != ly) {
            return Integer.compare(lx, ly);
        }
        return Arrays.compareUnsigned(a, x + 5, x + 5 + lx, a, y + 5, y + 5 + ly);
    }

    private static int intAt(byte[] a, int i) {
        return (a[i] & 0xff) << 24 | (a[i + 1] & 0xff) << 16 | (a[i + 2] & 0xff) << 8 | (a[i + 3] & 0xff);
    }

    private InvalidJsonException duplicate(int key) {
        byte[] a = out.array();
        String name = new String(a, key + 5, intAt(a, key + 1), StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder();
        name.codePoints().limit(60).forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return new InvalidJsonException("Duplicate field '" + shown + "'", true);
    }

    /** Renders the string at {@code pos} (its opening quote) as its length and its characters in UTF-8. */
    private void string() throws InvalidJsonException {
        pos++;
        int lengthAt = out.size();
        out.writeInt(0);
        int start = out.size();
        byte[] a = in;
        while (true) {
            int run = pos;
            while (pos < a.length) {
                byte c = a[pos];
                if (c == '"' || c == '\\' || (c >= 0 && c < 0x20) || c < 0) {
                    break;
                }
                pos++;
            }
            out.write(a, run, pos - run);
            if (pos == a.length) {
                throw unexpectedEnd();
            }
            byte c = a[pos];
            if (c == '"') {
                pos++;
                break;
            } else if (c == '\\') {
                escape();
            } else if (c < 0) {
                multiByte();
            } else {
                throw new InvalidJsonException("a control character (code " + c + ") in a string must be escaped");
            }
        }
        out.putInt(lengthAt, out.size() - start);
    }

    /** Copies one multi-byte UTF-8 character, refusing what is not strict UTF-8. */
    private void multiByte() throws InvalidJsonException {
        byte[] a = in;
        int lead = a[pos] & 0xff;
        int length;
        int min = 0x80;
        int max = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            if (lead == 0xe0) {
                min = 0xa0;
            } else if (lead == 0xed) {
                max = 0x9f; // no surrogates
            }
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            if (lead == 0xf0) {
                min = 0x90;
            } else if (lead == 0xf4) {
                max = 0x8f;
            }
        } else {
            throw new InvalidJsonException("invalid UTF-8");
        }
        if (pos + length > a.length) {
            throw new InvalidJsonException("invalid UTF-8");
        }
        int second = a[pos + 1] & 0xff;
        if (second < min || second > max) {
            throw new InvalidJsonException("invalid UTF-8");
        }
        for (int i = 2; i < length; i++) {
            int b = a[pos + i] & 0xff;
            if (b < 0x80 || b > 0xbf) {
                throw new InvalidJsonException("invalid UTF-8");
            }
        }
        out.write(a, pos, length);
        pos += length;
    }

    private void escape() throws InvalidJsonException {
        if (pos + 1 >= in.length) {
            throw unexpectedEnd();
        }
        byte e = in[pos + 1];
        pos += 2;
        switch (e) {
            case '"', '\\', '/' -> out.write(e);
            case 'b' -> out.write('\b');
            case 'f' -> out.write('\f');
            case 'n' -> out.write('\n');
            case 'r' -> out.write('\r');
            case 't' -> out.write('\t');
            case 'u' -> unicodeEscape();
            default -> throw new InvalidJsonException("unknown escape \\" + (char) (e & 0xff) + " in a string");
        }
    }

    private void unicodeEscape() throws InvalidJsonException {
        int unit = hex4();
        if (Character.isHighSurrogate((char) unit) && pos + 1 < in.length && in[pos] == '\\' && in[pos + 1] == 'u') {
            int save = pos;
            pos += 2;
            int low = hex4();
            if (Character.isLowSurrogate((char) low)) {
                writeUtf8(Character.toCodePoint((char) unit, (char) low));
                return;
            }
            pos = save; // the next escape stands on its own
        }
        if (postgresSafe) {
            if (unit == 0) {
                throw new InvalidJsonException("a string contains \\u0000, which PostgreSQL's jsonb cannot store");
            }
            if (Character.isSurrogate((char) unit)) {
                throw new InvalidJsonException("a string contains an unpaired surrogate, which jsonb cannot store");
            }
        }
        writeUtf8(unit); // an unpaired surrogate as three bytes of its own
    }

    private int hex4() throws InvalidJsonException {
        if (pos + 4 > in.length) {
            throw unexpectedEnd();
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(in[pos + i], 16);
            if (d < 0) {
                throw new InvalidJsonException("invalid \\u escape in a string");
            }
            v = v << 4 | d;
        }
        pos += 4;
        return v;
    }

    private void writeUtf8(int c) {
        if (c < 0x80) {
            out.write(c);
        } else if (c < 0x800) {
            out.write(0xc0 | c >> 6);
            out.write(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            out.write(0xe0 | c >> 12);
            out.write(0x80 | (c >> 6 & 0x3f));
            out.write(0x80 | (c & 0x3f));
        } else {
            out.write(0xf0 | c >> 18);
            out.write(0x80 | (c >> 12 & 0x3f));
            out.write(0x80 | (c >> 6 & 0x3f));
            out.write(0x80 | (c & 0x3f));
        }
    }

    private void number() throws InvalidJsonException {
        byte[] a = in;
        int start = pos;
        boolean integer = true;
        if (a[pos] == '-') {
            pos++;
        }
        if (pos < a.length && a[pos] == '0') {
            pos++;
        } else if (pos < a.length && a[pos] >= '1' && a[pos] <= '9') {
            skipDigits();
        } else {
            throw new InvalidJsonException("invalid number");
        }
        if (pos < a.length && a[pos] == '.') {
            integer = false;
            pos++;
            if (skipDigits() == 0) {
                throw new InvalidJsonException("invalid number");
            }
        }
        if (pos < a.length && (a[pos] == 'e' || a[pos] == 'E')) {
            integer = false;
            pos++;
            if (pos < a.length && (a[pos] == '+' || a[pos] == '-')) {
                pos++;
            }
            if (skipDigits() == 0) {
                throw new InvalidJsonException("invalid number");
            }
        }
        int length = pos - start;
        if (length > MAX_NUMBER_TEXT) {
            throw new InvalidJsonException("a number is beyond " + MAX_DIGITS + " digits");
        }
        out.write('n');
        if (integer && a[pos - 1] != '0') {
            // An integer without trailing zeros is its own canonical text: no leading zeros in JSON.
            if (length - (a[start] == '-' ? 1 : 0) > MAX_DIGITS) {
                throw beyond(start, length);
            }
            out.write(a, start, length);
        } else {
            BigDecimal n;
            try {
                n = new BigDecimal(new String(a, start, length, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw beyond(start, length); // an exponent beyond int
            }
            if (n.precision() > MAX_DIGITS || Math.abs((long) n.scale()) > MAX_DIGITS) {
                throw beyond(start, length);
            }
            out.writeAscii(n.stripTrailingZeros().toString());
        }
        out.write(';');
    }

    private InvalidJsonException beyond(int start, int length) {
        return new InvalidJsonException(
                "the number " + Values.abbreviate(new String(in, start, length, StandardCharsets.US_ASCII))
                        + " is beyond " + MAX_DIGITS + " digits");
    }

    private int skipDigits() {
        int from = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        return pos - from;
    }

    private void literal(String word, char rendering) throws InvalidJsonException {
        int n = word.length();
        if (pos + n > in.length) {
            throw unexpectedEnd();
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw unexpected();
            }
        }
        pos += n;
        out.write(rendering);
    }

    /** After an element or member: true at the closing bracket, false at a comma, else an error. */
    private boolean closesOrContinues(byte close) throws InvalidJsonException {
        skipWhitespace();
        if (pos == in.length) {
            throw unexpectedEnd();
        }
        byte b = in[pos++];
        if (b == close) {
            return true;
        }
        if (b != ',') {
            pos--;
            throw unexpected();
        }
        return false;
    }

    private void skipWhitespace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private InvalidJsonException unexpected() {
        int c = in[pos] & 0xff;
        String shown = c >= 0x21 && c < 0x7f ? "'" + (char) c + "'" : "byte " + c;
        return new InvalidJsonException("unexpected " + shown + " at offset " + pos);
    }

    private static InvalidJsonException unexpectedEnd() {
        return new InvalidJsonException("unexpected end of the JSON text");
    }

    static final class InvalidJsonException extends Exception {
        private final boolean duplicateKey;

        InvalidJsonException(String message) {
            this(message, false);
        }

        InvalidJsonException(String message, boolean duplicateKey) {
            super(message, null, false, false);
            this.duplicateKey = duplicateKey;
        }

        /** True when the JSON is valid but has a key twice (jsonb would keep only the last). */
        boolean duplicateKey() {
            return duplicateKey;
        }
    }
}
