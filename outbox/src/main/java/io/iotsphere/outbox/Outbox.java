package io.iotsphere.outbox;

import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.contracts.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Writes events into the outbox table inside the current Panache transaction, so that an entity change and the event
 * announcing it commit (or roll back) together. {@link OutboxRelay} publishes them after commit.
 *
 * <pre>{@code
 * Panache.withTransaction(() -> device.persist().call(() -> outbox.add(Topics.DEVICE_LIFECYCLE, event)))
 *         .invoke(outbox::flushSoon);
 * }</pre>
 */
@ApplicationScoped
public class Outbox {

    static final String INSERT_INTO = "INSERT INTO iotsphere_outbox (topic, event_key, event_id, payload) VALUES ";

    @Inject
    EventCodec codec;

    @Inject
    OutboxRelay relay;

    /** Adds the event to the outbox; must run inside a transaction ({@code Panache.withTransaction}). */
    public Uni<Void> add(String topic, CloudEvent<?> event) {
        return addAll(topic, List.of(event));
    }

    /** Adds events in order, in one statement; must run inside a transaction ({@code Panache.withTransaction}). */
    public Uni<Void> addAll(String topic, List<? extends CloudEvent<?>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder(INSERT_INTO);
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(:t, :k")
                    .append(i)
                    .append(", :i")
                    .append(i)
                    .append(", :p")
                    .append(i)
                    .append(')');
        }
        return Panache.getSession()
                .chain(session -> {
                    var query = session.createNativeQuery(sql.toString()).setParameter("t", topic);
                    for (int i = 0; i < events.size(); i++) {
                        CloudEvent<?> event = events.get(i);
                        query.setParameter("k" + i, event.subject())
                                .setParameter("i" + i, event.id())
                                .setParameter("p" + i, codec.encode(event));
                    }
                    return query.executeUpdate();
                })
                .replaceWithVoid();
    }

    /** Adds the event to the outbox through a reactive SQL connection, inside that connection's transaction. */
    public Uni<Void> add(SqlClient connection, String topic, CloudEvent<?> event) {
        return connection
                .preparedQuery(
                        "INSERT INTO iotsphere_outbox (topic, event_key, event_id, payload) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(topic, event.subject(), event.id(), codec.encode(event)))
                .replaceWithVoid();
    }

    /** Asks the relay to publish now rather than at its next poll: call after the transaction committed. */
    public void flushSoon() {
        relay.wakeUp();
    }
}
