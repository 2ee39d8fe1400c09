package io.iotsphere.command.repository;

import io.iotsphere.command.Command;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.contracts.command.CommandStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The command history of a tenant, filtered and paged, newest first. */
@ApplicationScoped
public class CommandSearch {

    /** Filters; each null one is not applied. {@code from} is inclusive, {@code to} exclusive (creation time). */
    public record Filter(String deviceId, CommandStatus status, String name, Instant from, Instant to) {}

    public record Result(List<Command> commands, long total) {}

    public Uni<Result> find(String tenant, Filter filter, PageRequest page) {
        List<String> where = new ArrayList<>(List.of("tenant = :tenant"));
        Parameters params = Parameters.with("tenant", tenant);
        if (filter.deviceId() != null) {
            where.add("deviceId = :deviceId");
            params.and("deviceId", filter.deviceId());
        }
        if (filter.status() != null) {
            where.add("status = :status");
            params.and("status", filter.status());
        }
        if (filter.name() != null) {
            where.add("name = :name");
            params.and("name", filter.name());
        }
        if (filter.from() != null) {
            where.add("createdAt >= :from");
            params.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("createdAt < :to");
            params.and("to", filter.to());
        }
        String query = String.join(" and ", where);
        Sort newestFirst = Sort.descending("createdAt", "seq");
        return Panache.withSession(() -> {
            PanacheQuery<Command> q = Command.find(query, newestFirst, params);
            return q.page(page.page, page.size)
                    .list()
                    .chain(items -> Command.count(query, params).map(total -> new Result(items, total)));
        });
    }
}
