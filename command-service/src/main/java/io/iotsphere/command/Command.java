package io.iotsphere.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.contracts.command.CommandStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A command to a device of a tenant, with where it is in its {@link Lifecycle}. */
@Entity
@Table(name = "commands")
public class Command extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Order of creation (a database sequence): commands of a device are dispatched in this order. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    public String tenant;

    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "device_type")
    public String deviceType;

    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode params;

    @Enumerated(EnumType.STRING)
    public CommandStatus status;

    public int attempt;

    @Column(name = "max_retries")
    public int maxRetries;

    @Column(name = "timeout_seconds")
    public int timeoutSeconds;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public Instant deadline;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode result;

    public String error;

    /** Why the command is in its state, when the state alone does not say (timeout, decommissioning...). */
    public String reason;

    @Column(name = "shadow_sync")
    public String shadowSync;

    @Version
    public long version;

    public boolean retriesLeft() {
        return attempt < 1 + maxRetries;
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
