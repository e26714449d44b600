package dev.diundashboard.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record that a request body binds to through {@link StrictJsonReader}: exactly one JSON
 * object of at most 1 MiB, no duplicate and no unknown keys, each field of its component's type.
 * Each refusal is a 400; its detail is {@link #expected()} unless the component says otherwise with
 * {@link Invalid}. A compact constructor adds the rules of the values (it runs before the resource
 * method, so a bad value is refused before any write waits for its turn).
 *
 * <p>Component types: {@code String} (a JSON string), {@code long} (a whole number, required),
 * {@code Long}, {@code Boolean} ({@code true} or {@code false}), {@code Instant} (an RFC 3339
 * timestamp, see {@link InputRules#timestamp}) and {@code List<Long>} (an array of whole numbers). A JSON {@code null} is the same as a missing key,
 * except for a required {@code long} and for a list, which must be there as an array when named.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface JsonRecord {

    /** The detail of a refusal that names no field of its own: the shape the endpoint expects. */
    String expected();

    /** The detail when this component's value has the wrong type. */
    @Target(ElementType.RECORD_COMPONENT)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Invalid {
        String value();
    }

    /** A {@code String} component that also takes a JSON number, as its text. */
    @Target(ElementType.RECORD_COMPONENT)
    @Retention(RetentionPolicy.RUNTIME)
    @interface NumberAsText {}
}
