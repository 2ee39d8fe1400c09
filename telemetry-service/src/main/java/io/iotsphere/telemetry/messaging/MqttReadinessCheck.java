package io.iotsphere.telemetry.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of MQTT ingestion: every connection to the broker is up and subscribed. */
@Readiness
@ApplicationScoped
public class MqttReadinessCheck implements HealthCheck {

    public static final String NAME = "mqtt";

    @Inject
    MqttIngestion mqtt;

    @Override
    public HealthCheckResponse call() {
        if (!mqtt.enabled()) {
            return HealthCheckResponse.named(NAME)
                    .up()
                    .withData("ingestion", "disabled")
                    .build();
        }
        return HealthCheckResponse.named(NAME)
                .status(mqtt.ready())
                .withData("subscription", mqtt.describe())
                .build();
    }
}
