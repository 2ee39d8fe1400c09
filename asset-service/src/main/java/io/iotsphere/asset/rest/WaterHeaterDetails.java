package io.iotsphere.asset.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * What users add about a water heater.
 *
 * @param tankCapacityLitres tank volume in litres (SI, like all the platform's quantities); null for tankless heaters
 * @param fuelType the energy it heats with
 * @param elementType the heating element (electric) or burner (gas) as the maker names it, e.g. "dual 4.5 kW screw-in"
 * @param powerKw rated input power in kW (element wattage, or burner input)
 * @param efficiencyRating uniform energy factor (UEF) or COP as rated by the maker
 */
public record WaterHeaterDetails(
        @DecimalMin(value = "0", inclusive = false, message = "must be more than 0")
        @DecimalMax(value = "100000", message = "must be at most 100000")
        @Digits(integer = 6, fraction = 1, message = "must have at most one decimal")
        BigDecimal tankCapacityLitres,

        @Pattern(
                regexp = Validation.FUEL_TYPES,
                message = "must be one of electric, natural-gas, propane, oil, heat-pump, solar")
        String fuelType,

        @Size(max = 64) String elementType,

        @DecimalMin(value = "0", inclusive = false, message = "must be more than 0")
        @DecimalMax(value = "10000", message = "must be at most 10000")
        @Digits(integer = 5, fraction = 3, message = "must have at most three decimals")
        BigDecimal powerKw,

        @DecimalMin(value = "0", inclusive = false, message = "must be more than 0")
        @DecimalMax(value = "10", message = "must be at most 10")
        @Digits(integer = 2, fraction = 3, message = "must have at most three decimals")
        BigDecimal efficiencyRating) {}
