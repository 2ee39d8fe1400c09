package io.iotsphere.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the service at the local Mosquitto broker ({@code iotsphere.mqtt.host}/{@code port}). MQTT topics carry the
 * tenant, so tests isolate themselves by using tenants of their own.
 */
public class MqttTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalInfra.requireReachable("Mosquitto", LocalInfra.mqttHost(), LocalInfra.mqttPort());
        return Map.of(
                "iotsphere.mqtt.host", LocalInfra.mqttHost(),
                "iotsphere.mqtt.port", String.valueOf(LocalInfra.mqttPort()));
    }

    @Override
    public void stop() {}
}
