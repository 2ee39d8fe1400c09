package io.iotsphere.simulator.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when every connection to the MQTT broker is up (the devices cannot talk otherwise). */
@Readiness
@ApplicationScoped
public class MqttReadinessCheck implements HealthCheck {

    public static final String NAME = "mqtt";

    @Inject
    MqttLink mqtt;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME)
                .status(mqtt.connected())
                .withData("broker", mqtt.describe())
                .build();
    }
}
