package io.iotsphere.contracts.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A parameter of a command.
 *
 * @param type {@code number}, {@code integer}, {@code boolean}, {@code string} or {@code enum}
 * @param values the allowed values of an {@code enum}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandParam(
        String name,
        String type,
        boolean required,
        Double min,
        Double max,
        List<String> values,
        Integer maxLength,
        String unit,
        String description) {}
