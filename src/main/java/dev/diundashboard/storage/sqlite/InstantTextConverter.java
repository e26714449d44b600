package dev.diundashboard.storage.sqlite;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;

/** SQLite stores timestamps as text; applied to every Instant by META-INF/orm-sqlite.xml. */
@Converter
public class InstantTextConverter implements AttributeConverter<Instant, String> {

    @Override
    public String convertToDatabaseColumn(Instant attribute) {
        return attribute == null ? null : SqliteTimestamps.format(attribute);
    }

    @Override
    public Instant convertToEntityAttribute(String dbData) {
        return dbData == null ? null : SqliteTimestamps.parse(dbData);
    }
}
