package io.iotsphere.asset;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link LocationKind} as its lower-case name, as the table's CHECK constraint and the API spell it. */
@Converter
public class LocationKindConverter implements AttributeConverter<LocationKind, String> {

    @Override
    public String convertToDatabaseColumn(LocationKind kind) {
        return kind == null ? null : kind.value();
    }

    @Override
    public LocationKind convertToEntityAttribute(String value) {
        return value == null ? null : LocationKind.of(value);
    }
}
