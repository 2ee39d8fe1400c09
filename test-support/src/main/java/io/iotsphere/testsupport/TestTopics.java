package io.iotsphere.testsupport;

import org.eclipse.microprofile.config.ConfigProvider;

/** Topic names as the service under test sees them (with the run's prefix); call from inside a Quarkus test. */
public final class TestTopics {

    private TestTopics() {}

    public static String name(String topic) {
        return ConfigProvider.getConfig()
                        .getOptionalValue("iotsphere.kafka.topic-prefix", String.class)
                        .orElse("")
                + topic;
    }
}
