package dev.diundashboard.updates;

import dev.diundashboard.platform.CanonicalJson;
import dev.diundashboard.storage.Dialect;
import dev.diundashboard.tags.TagRef;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An update as the API shows it. */
@JsonbPropertyOrder({
    "id",
    "hostname",
    "hostAlias",
    "image",
    "status",
    "provider",
    "hubLink",
    "mimeType",
    "digest",
    "created",
    "platform",
    "metadata",
    "diunVersion",
    "firstSeen",
    "lastSeen",
    "seenCount",
    "acknowledgedAt",
    "previousDigest",
    "previousSeenAt",
    "manifestList",
    "version",
    "releaseNotesUrl",
    "snoozedUntil",
    "stack",
    "ignoredBy",
    "testNotification",
    "maturity",
    "tag"
})
public record UpdateView(
        long id,
        String hostname,
        String image,
        String status,
        String provider,
        String hubLink,
        String mimeType,
        String digest,
        Instant created,
        String platform,
        JsonValue metadata,
        String diunVersion,
        Instant firstSeen,
        Instant lastSeen,
        int seenCount,
        Instant acknowledgedAt,
        String previousDigest,
        Instant previousSeenAt,
        @JsonbTransient String versionFrom,
        @JsonbTransient String versionClass,
        Instant snoozedUntil,
        String stack,
        Long ignoredBy,
        String releaseNotesUrl,
        String hostAlias,
        @Derived boolean manifestList,
        @Derived VersionJump version,
        @Derived boolean testNotification,
        @Derived String maturity,
        TagRef tag) {

    /**
     * The image of the notification {@code diun notif test} sends: stored like any other, shown as
     * "Diun on HOST reached the dashboard", never pending.
     */
    public static final String TEST_NOTIFICATION_IMAGE = "docker.io/diun/testnotif:latest";

    /** A component computed from the stored ones: whatever is passed for it is replaced. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Derived {}

    public UpdateView {
        // A manifest list (Docker) or image index (OCI) is a multi-platform image: the registry shows a
        // digest per platform, not this one.
        manifestList = mimeType != null && (mimeType.contains("manifest.list") || mimeType.contains("image.index"));
        version = VersionJump.of(image, versionFrom, versionClass);
        testNotification = TEST_NOTIFICATION_IMAGE.equals(image);
        maturity = Maturity.of(created, Instant.now());
    }

    public static UpdateView of(ImageUpdate u) {
        return new UpdateView(
                u.getId(),
                u.getHostname(),
                u.getImage(),
                u.getStatus(),
                u.getProvider(),
                u.getHubLink(),
                u.getMimeType(),
                u.getDigest(),
                u.getCreated(),
                u.getPlatform(),
                CanonicalJson.parse(u.getMetadata()),
                u.getDiunVersion(),
                u.getFirstSeen(),
                u.getLastSeen(),
                u.getSeenCount(),
                u.getAcknowledgedAt(),
                u.getPreviousDigest(),
                u.getPreviousSeenAt(),
                u.getVersionFrom(),
                u.getVersionClass(),
                u.getSnoozedUntil(),
                u.getStack(),
                u.getIgnoredBy(),
                u.getReleaseNotesUrl(),
                u.getHostAlias(),
                false,
                null,
                false,
                null,
                u.getTag() == null ? null : TagRef.of(u.getTag()));
    }

    /**
     * The stored fields, in the record's order: every component but the {@link Derived} ones and the
     * last, the tag. They are declared once, by the record: a query selects them by these names (the
     * entity's attributes), and a row is read by their column names ({@code hubLink} is {@code
     * hub_link}).
     */
    private static final List<RecordComponent> STORED;

    /** The column of each stored field: {@code acknowledgedAt} is {@code acknowledged_at}. */
    private static final List<String> COLUMNS;

    private static final RecordComponent[] ALL = UpdateView.class.getRecordComponents();

    private static final Constructor<UpdateView> CANONICAL;

    static {
        if (!ALL[ALL.length - 1].getName().equals("tag")) {
            throw new IllegalStateException("the tag must be UpdateView's last component");
        }
        STORED = Arrays.stream(ALL, 0, ALL.length - 1)
                .filter(c -> !c.isAnnotationPresent(Derived.class))
                .toList();
        COLUMNS = STORED.stream()
                .map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT))
                .toList();
        try {
            CANONICAL = UpdateView.class.getDeclaredConstructor(
                    Arrays.stream(ALL).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The entity attributes of the stored fields, in the record's order. */
    static List<String> storedAttributes() {
        return STORED.stream().map(RecordComponent::getName).toList();
    }

    /**
     * An update from a query that selected {@link #storedAttributes()}, then the tag's id and name
     * (both null without a tag).
     */
    static UpdateView fromColumns(Object[] row) {
        Object[] stored = new Object[STORED.size()];
        for (int i = 0; i < STORED.size(); i++) {
            stored[i] = value(STORED.get(i).getType(), row[i]);
        }
        int tag = STORED.size();
        return construct(
                stored, row[tag] == null ? null : new TagRef(((Number) row[tag]).longValue(), (String) row[tag + 1]));
    }

    /** An update as the ingest writer stored it: the row's columns by name, without its tag. */
    public static UpdateView read(ResultSet row, Dialect dialect) throws SQLException {
        Object[] stored = new Object[STORED.size()];
        for (int i = 0; i < STORED.size(); i++) {
            Class<?> type = STORED.get(i).getType();
            String column = COLUMNS.get(i);
            Object raw;
            if (type == Instant.class) {
                raw = dialect.getInstant(row, column);
            } else if (type == long.class || type == Long.class) {
                long n = row.getLong(column);
                raw = row.wasNull() ? null : n;
            } else if (type == int.class) {
                raw = row.getInt(column);
            } else {
                raw = row.getString(column);
            }
            stored[i] = value(type, raw);
        }
        return construct(stored, null);
    }

    private static Object value(Class<?> type, Object stored) {
        if (type == long.class) {
            return ((Number) stored).longValue();
        }
        if (type == Long.class) {
            return stored == null ? null : ((Number) stored).longValue();
        }
        if (type == int.class) {
            return ((Number) stored).intValue();
        }
        if (type == JsonValue.class) {
            return CanonicalJson.parse((String) stored);
        }
        return type.cast(stored);
    }

    /** The stored values in order, placeholders for the derived components (the constructor computes them), the tag. */
    private static UpdateView construct(Object[] stored, TagRef tag) {
        Object[] values = new Object[ALL.length];
        int next = 0;
        for (int i = 0; i < ALL.length - 1; i++) {
            if (ALL[i].isAnnotationPresent(Derived.class)) {
                values[i] = ALL[i].getType() == boolean.class ? Boolean.FALSE : null;
            } else {
                values[i] = stored[next++];
            }
        }
        values[ALL.length - 1] = tag;
        try {
            return CANONICAL.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same update with the values {@link Classification} derived for it. */
    UpdateView withDerived(Classification.Derived d) {
        return with(Map.of(
                "versionFrom", Optional.ofNullable(d.versionFrom()),
                "versionClass", Optional.ofNullable(d.versionClass()),
                "stack", Optional.ofNullable(d.stack()),
                "ignoredBy", Optional.ofNullable(d.ignoredBy()),
                "releaseNotesUrl", Optional.ofNullable(d.releaseNotesUrl()),
                "hostAlias", Optional.ofNullable(d.hostAlias())));
    }

    public UpdateView withTag(TagRef newTag) {
        return with(Map.of("tag", Optional.ofNullable(newTag)));
    }

    /** This update with the given components replaced (empty for null); the derived ones are computed again. */
    private UpdateView with(Map<String, Optional<?>> replaced) {
        Object[] values = new Object[ALL.length];
        int found = 0;
        try {
            for (int i = 0; i < ALL.length; i++) {
                Optional<?> value = replaced.get(ALL[i].getName());
                found += value == null ? 0 : 1;
                values[i] = value == null ? ALL[i].getAccessor().invoke(this) : value.orElse(null);
            }
            if (found != replaced.size()) {
                throw new IllegalArgumentException("UpdateView has no component among " + replaced.keySet());
            }
            return CANONICAL.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The id only: equal views have equal ids, so this agrees with the record's {@code equals}, and JSON-B, which
     * keeps every object it serializes in a hash set, need not hash the metadata of each row.
     */
    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }
}
