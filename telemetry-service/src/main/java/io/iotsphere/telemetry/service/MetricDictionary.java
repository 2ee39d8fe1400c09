package io.iotsphere.telemetry.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Metric names ({@code tank_temperature}, {@code sales.A1}) and the small numbers (slots) that stand for them in
 * stored readings and rollups. Slots are assigned once, in the database, and never change: every replica caches them
 * all (a few hundred to a few thousand names).
 */
@ApplicationScoped
public class MetricDictionary {

    private static final Logger LOG = Logger.getLogger(MetricDictionary.class);

    private final Map<String, Short> slots = new ConcurrentHashMap<>();
    private final Map<Short, String> names = new ConcurrentHashMap<>();
    /** Keys seen per keyed field: {@code sales} → {A1, B2}. */
    private final Map<String, Set<String>> keys = new ConcurrentHashMap<>();

    @Inject
    Pool pool;

    /** Loads the known names in the background; the service starts (and reports itself unready) without a database. */
    void load(@Observes StartupEvent start) {
        pool.query("SELECT slot, name FROM metrics")
                .execute()
                .subscribe()
                .with(this::remember, failure -> LOG.warnf("metric names not loaded at start: %s", failure.toString()));
    }

    public Optional<Short> slot(String name) {
        return Optional.ofNullable(slots.get(name));
    }

    public String name(short slot) {
        return names.get(slot);
    }

    /**
     * Slots of a metric for a query: a name ({@code tank_temperature}, {@code sales.A1}), or a keyed field
     * ({@code sales}) for all its keys. Read from the database, since another replica may have added names.
     */
    public Uni<List<Short>> slotsOf(String metric, boolean allKeys) {
        Uni<RowSet<Row>> rows = allKeys
                ? pool.preparedQuery("SELECT slot, name FROM metrics WHERE starts_with(name, $1)")
                        .execute(Tuple.of(metric + "."))
                : pool.preparedQuery("SELECT slot, name FROM metrics WHERE name = $1")
                        .execute(Tuple.of(metric));
        return rows.invoke(this::remember).map(set -> {
            List<Short> result = new ArrayList<>();
            set.forEach(row -> result.add(row.getShort("slot")));
            return result;
        });
    }

    /** Whether a keyed field may take one more key: known keys are always fine, new ones up to the limit. */
    public boolean mayAddKey(String field, String key, int limit) {
        Set<String> known = keys.getOrDefault(field, Set.of());
        return known.contains(key) || known.size() < limit;
    }

    /** The slots of the names, assigning new slots in the database to names seen for the first time. */
    public Uni<Map<String, Short>> resolve(Collection<String> wanted) {
        Set<String> missing = new LinkedHashSet<>();
        for (String name : wanted) {
            if (!slots.containsKey(name)) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(slots);
        }
        String[] array = missing.toArray(String[]::new);
        // The sequence may skip a number when two replicas add the same name at once; slots stay unique.
        return pool.preparedQuery("INSERT INTO metrics (slot, name) SELECT nextval('metric_slot_seq'), n"
                        + " FROM unnest($1::text[]) AS n ON CONFLICT (name) DO NOTHING")
                .execute(Tuple.of(array))
                .chain(() -> pool.preparedQuery("SELECT slot, name FROM metrics WHERE name = ANY($1)")
                        .execute(Tuple.of(array)))
                .invoke(this::remember)
                .map(ignored -> slots);
    }

    private void remember(RowSet<Row> rows) {
        Map<String, Short> found = new HashMap<>();
        for (Row row : rows) {
            found.put(row.getString("name"), row.getShort("slot"));
        }
        found.forEach((name, slot) -> {
            slots.put(name, slot);
            names.put(slot, name);
            int dot = name.indexOf('.');
            if (dot > 0) {
                keys.computeIfAbsent(name.substring(0, dot), k -> ConcurrentHashMap.newKeySet())
                        .add(name.substring(dot + 1));
            }
        });
    }
}
