package io.iotsphere.registry;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link LifecycleStatus} as its lower-case name, as the table's CHECK constraint and the API spell it. */
@Converter
public class LifecycleStatusConverter implements AttributeConverter<LifecycleStatus, String> {

    @Override
    public String convertToDatabaseColumn(LifecycleStatus status) {
        return status == null ? null : status.value();
    }

    @Override
    public LifecycleStatus convertToEntityAttribute(String value) {
        return value == null ? null : LifecycleStatus.of(value);
    }
}
