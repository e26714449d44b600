package dev.diundashboard.storage.postgresql;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.GregorianCalendar;

/**
 * PostgreSQL timestamptz; applied to every Instant by META-INF/orm-postgresql.xml.
 *
 * <p>The driver turns a {@link Timestamp} into text and back with {@link GregorianCalendar}, which
 * counts days before 15 October 1582 in the Julian calendar, while PostgreSQL and {@link Instant}
 * use the proleptic Gregorian calendar throughout: {@code 0001-01-01T00:00Z} would be read as
 * {@code 0000-12-30}. Before that date the value is therefore carried by its calendar fields in the
 * JVM's zone, as the driver reads and writes them, so PostgreSQL returns what SQLite (text) returns
 * for every year from 0001. This is exact with the JVM in UTC (the container's default, and the
 * tests'); in other zones Java and PostgreSQL disagree on local mean time offsets before 1900.
 */
@Converter
public class InstantTimestampConverter implements AttributeConverter<Instant, Timestamp> {

    /** The first day of the Gregorian calendar; from here on both calendars agree. */
    private static final Instant CUTOVER = Instant.parse("1582-10-15T00:00:00Z");

    @Override
    public Timestamp convertToDatabaseColumn(Instant attribute) {
        if (attribute == null) {
            return null;
        }
        if (!attribute.isBefore(CUTOVER)) {
            return Timestamp.from(attribute);
        }
        return Timestamp.valueOf(LocalDateTime.ofInstant(attribute, ZoneId.systemDefault()));
    }

    @Override
    public Instant convertToEntityAttribute(Timestamp dbData) {
        if (dbData == null) {
            return null;
        }
        Instant instant = dbData.toInstant();
        if (!instant.isBefore(CUTOVER)) {
            return instant;
        }
        return dbData.toLocalDateTime().atZone(ZoneId.systemDefault()).toInstant();
    }
}
