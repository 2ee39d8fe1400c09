package io.iotsphere.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The direct reading of UTC timestamps gives what the ISO formatter gives, and refuses what it refuses. */
class TimestampTest {

    @Test
    void readsUtcTimestampsAsTheFormatterDoes() {
        for (String text : new String[] {
            "2026-05-01T12:00:00Z",
            "2026-05-01T12:00:00.1Z",
            "2026-05-01T12:00:00.123Z",
            "2026-11-29T23:59:59.123456Z",
            "2024-02-29T00:00:00.000000001Z",
            "1999-12-31T23:59:59.999999999Z",
            "2026-05-01T12:00:00+02:00",
            "2026-05-01t12:00:00z",
            "2026-05-01T12:00Z",
            "2026-05-01T12:00:00.Z"
        }) {
            Instant expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
            assertThat(Normalizer.parseTimestamp(text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void refusesWhatIsNoDateTime() {
        for (String text : new String[] {
            "2026-13-01T12:00:00Z",
            "2026-02-30T12:00:00Z",
            "2025-02-29T12:00:00Z",
            "2026-05-01T24:00:00Z",
            "2026-05-01T12:60:00Z",
            "2026-05-01T12:00:60Z",
            "2026-05-01T12:00:00.1234567890Z",
            "2026-05-01T1a:00:00Z",
            "2026-05-01 12:00:00Z",
            "2026-05-01T12:00:00",
            "+2026-05-01T12:00:00Z",
            "yesterday"
        }) {
            assertThatThrownBy(() -> Normalizer.parseTimestamp(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }
}
