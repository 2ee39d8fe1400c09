package io.iotsphere.asset.rest;

import io.iotsphere.asset.AssetTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * An asset created by hand: one no device announced (yet). {@code id} may be left out (one is made up); an asset whose
 * id is the id of a device the registry announces later becomes that device's asset. Only the block of its type
 * ({@code waterHeater} or {@code vendingMachine}) may be given.
 */
public record AssetRequest(
        @Pattern(regexp = Validation.ASSET_ID, message = Validation.ASSET_ID_MESSAGE)
        String id,

        @NotNull(message = "is required")
        @Pattern(regexp = AssetTypes.PATTERN, message = "must be water-heater or vending-machine")
        String type,

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
        @Valid VendingMachineDetails vendingMachine) {}
