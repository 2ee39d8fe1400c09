package io.iotsphere.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope of every event on every topic: CloudEvents 1.0 in structured mode, with the tenant as an extension
 * attribute. The {@code id} is the dedupe key of consumers; the Kafka record key is {@link #subject()}.
 *
 * @param <T> the payload type, one of the records in the sub-packages of {@code io.iotsphere.contracts}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String tenant,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tenant, "tenant");
    }

    /** A new event with a random id, stamped now. */
    public static <T> CloudEvent<T> of(String source, String type, String subject, String tenant, T data) {
        return new CloudEvent<>(
                SPEC_VERSION, UUID.randomUUID().toString(), source, type, Instant.now(), subject, tenant, JSON, data);
    }
}
