package io.iotsphere.asset.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * What users add about a vending machine (its slots and stock are a resource of their own).
 *
 * @param locationType the kind of place it stands in
 * @param useType who uses it
 * @param maintenancePartner the company that services it
 * @param cashCapacity the most cash its box holds, in the machine's currency
 */
public record VendingMachineDetails(
        @Pattern(
                regexp = Validation.LOCATION_TYPES,
                message =
                        "must be one of fast-food, hospital, student-center, office, specialty-shop, retail, transportation, school, other")
        String locationType,

        @Pattern(
                regexp = Validation.USE_TYPES,
                message = "must be one of serviced, self-serve, public, employee, customer, student, patient, other")
        String useType,

        @Size(max = 128) String maintenancePartner,

        @DecimalMin(value = "0", message = "must be 0 or more")
        @DecimalMax(value = "1000000", message = "must be at most 1000000")
        @Digits(integer = 7, fraction = 2, message = "must have at most two decimals")
        BigDecimal cashCapacity) {}
