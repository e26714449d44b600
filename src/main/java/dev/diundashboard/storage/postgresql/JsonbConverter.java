package dev.diundashboard.storage.postgresql;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.SQLException;
import org.postgresql.util.PGobject;

/** Reads and writes PostgreSQL jsonb columns as JSON text; named in META-INF/orm-postgresql.xml. */
@Converter
public class JsonbConverter implements AttributeConverter<String, Object> {

    @Override
    public Object convertToDatabaseColumn(String attribute) {
        if (attribute == null) {
            return null;
        }
        try {
            PGobject json = new PGobject();
            json.setType("jsonb");
            json.setValue(attribute);
            return json;
        } catch (SQLException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    @Override
    public String convertToEntityAttribute(Object dbData) {
        return dbData == null ? null : dbData.toString();
    }
}
