package io.iotsphere.gateway.legacy;

import static io.iotsphere.gateway.legacy.Upstream.number;
import static io.iotsphere.gateway.legacy.Upstream.text;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A water heater as the original {@code /api/water-heaters} API showed it, composed from the registry's device and the
 * shadow's state (temperatures in °C).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WaterHeaterView(
        String id,
        String name,
        String manufacturer,
        String model,
        String serialNumber,
        String location,
        String status,
        boolean online,
        String lastSeen,
        Double currentTemperature,
        Double targetTemperature,
        String mode,
        Boolean heating) {

    static WaterHeaterView of(JsonNode device, JsonNode shadow) {
        JsonNode reported = shadow == null ? null : shadow.path("state").path("reported");
        JsonNode desired = shadow == null ? null : shadow.path("state").path("desired");
        Double target = number(desired, "setpoint");
        String mode = text(desired, "mode");
        Double heating = number(reported, "heating");
        return new WaterHeaterView(
                device.path("id").asText(),
                text(device, "name"),
                text(device, "manufacturer"),
                text(device, "model"),
                text(device, "serialNumber"),
                text(device.path("attributes"), "location"),
                text(device, "status"),
                device.path("online").asBoolean(false),
                text(device, "lastSeen"),
                number(reported, "tank_temperature"),
                target != null ? target : number(reported, "setpoint"),
                mode != null ? mode : text(reported, "mode"),
                heating == null ? null : heating != 0);
    }
}
