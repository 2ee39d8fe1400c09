package io.iotsphere.asset.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A change to an asset, as a JSON merge patch: named fields replace the stored ones ({@code null} clears), others
 * stay; {@code waterHeater} and {@code vendingMachine} merge field by field. {@code name}, {@code manufacturer},
 * {@code model} and {@code serialNumber} of a device's asset are the registry's and change there. {@code version},
 * when given, must be the stored version (else 409).
 */
public record AssetChange(
        @Size(max = 256) String name,
        @Size(max = 128) String manufacturer,
        @Size(max = 128) String model,
        @Size(max = 128) String serialNumber,

        @Pattern(regexp = Validation.UUID, message = Validation.UUID_MESSAGE)
        String locationId,

        @Size(max = 256) String placement,
        @PlausibleDate LocalDate installDate,
        @PlausibleDate LocalDate warrantyEnd,
        @Valid WaterHeaterDetails waterHeater,
        @Valid VendingMachineDetails vendingMachine,
        Long version) {}
