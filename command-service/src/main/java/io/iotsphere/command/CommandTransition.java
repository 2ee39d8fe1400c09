package io.iotsphere.command;

import io.iotsphere.contracts.command.CommandStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One step of a command's lifecycle, kept for its history. */
@Entity
@Table(name = "command_transitions")
public class CommandTransition extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "command_id")
    public UUID commandId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public CommandStatus from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public CommandStatus to;

    public int attempt;

    public String reason;

    public Instant at;
}
