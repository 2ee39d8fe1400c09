package io.iotsphere.asset.service;

import io.iotsphere.asset.Asset;
import io.iotsphere.asset.Location;
import io.iotsphere.asset.LocationKind;
import io.iotsphere.asset.TenantUuidKey;
import io.iotsphere.asset.repository.LocationPaths;
import io.iotsphere.asset.repository.LocationSearch;
import io.iotsphere.asset.rest.LocationChange;
import io.iotsphere.asset.rest.LocationRequest;
import io.iotsphere.asset.rest.LocationView;
import io.iotsphere.asset.rest.Patch;
import io.iotsphere.commons.rest.Page;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.rest.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The location hierarchy of a tenant: organizations, their sites, buildings and rooms. Each location keeps the path of
 * ids from its organization down to itself, so that a subtree is one indexed lookup; a move rewrites the paths of the
 * moved subtree in the same transaction.
 */
@ApplicationScoped
public class LocationService {

    private static final String MOVE_SUBTREE = """
            UPDATE locations SET
                path = (SELECT p.path FROM locations p WHERE p.tenant = :tenant AND p.id = :parent)
                       || path[array_position(path, CAST(:id AS uuid)):],
                updated_at = now(), version = version + 1
            WHERE tenant = :tenant AND path @> ARRAY[CAST(:id AS uuid)] AND id <> :id
            """;

    @Inject
    LocationPaths paths;

    @Inject
    LocationSearch search;

    public Uni<LocationView> create(String tenant, LocationRequest r) {
        LocationKind kind = LocationKind.of(r.kind());
        checkTimezone(r.timezone());
        if (kind == LocationKind.ORGANIZATION && r.parentId() != null) {
            throw Problems.badRequest("parentId: an organization is a root and has no parent");
        }
        if (kind != LocationKind.ORGANIZATION && r.parentId() == null) {
            throw Problems.badRequest("parentId: a " + kind.value() + " goes under " + parentKinds(kind));
        }
        return Panache.<Location>withTransaction(() -> parent(tenant, r.parentId(), kind)
                        .chain(parent -> {
                            Instant now = Instant.now();
                            Location l = new Location();
                            l.tenant = tenant;
                            l.id = UUID.randomUUID();
                            l.kind = kind;
                            l.parentId = parent == null ? null : parent.id;
                            l.path = parent == null ? new UUID[] {l.id} : append(parent.path, l.id);
                            l.name = r.name();
                            l.address = r.address();
                            l.city = r.city();
                            l.country = r.country();
                            l.latitude = r.latitude();
                            l.longitude = r.longitude();
                            l.timezone = r.timezone();
                            l.createdAt = now;
                            l.updatedAt = now;
                            return l.persist();
                        }))
                .chain(this::view);
    }

    public Uni<LocationView> get(String tenant, String id) {
        return Panache.withSession(() -> find(tenant, id)).chain(this::view);
    }

    /** A page of locations, each with its ancestors (one more query for the whole page). */
    public Uni<Page<LocationView>> list(String tenant, LocationSearch.Filter filter, PageRequest page) {
        return search.find(tenant, filter, page.size, page.offset()).chain(result -> {
            Set<UUID> ancestors = new HashSet<>();
            result.locations()
                    .forEach(l -> ancestors.addAll(Arrays.asList(l.path).subList(0, l.path.length - 1)));
            return paths.refs(tenant, ancestors).map(refs -> {
                List<LocationView> items = new ArrayList<>();
                for (Location l : result.locations()) {
                    List<LocationView.LocationRef> along = new ArrayList<>();
                    for (int i = 0; i < l.path.length - 1; i++) {
                        LocationView.LocationRef ref = refs.get(l.path[i]);
                        if (ref != null) {
                            along.add(ref);
                        }
                    }
                    items.add(view(l, along));
                }
                return Page.of(items, page, result.total());
            });
        });
    }

    public Uni<LocationView> update(String tenant, String id, Patch<LocationChange> patch) {
        LocationChange c = patch.value();
        if (patch.has("name") && c.name() == null) {
            throw Problems.badRequest("name: cannot be cleared");
        }
        if (patch.has("timezone")) {
            checkTimezone(c.timezone());
        }
        return Panache.<Location>withTransaction(() -> find(tenant, id).chain(l -> {
                    if (c.version() != null && c.version() != l.version) {
                        throw Errors.versionMismatch("location '" + id + "'", l.version, c.version());
                    }
                    if (patch.has("name")) {
                        l.name = c.name();
                    }
                    if (patch.has("address")) {
                        l.address = c.address();
                    }
                    if (patch.has("city")) {
                        l.city = c.city();
                    }
                    if (patch.has("country")) {
                        l.country = c.country();
                    }
                    if (patch.has("latitude")) {
                        l.latitude = c.latitude();
                    }
                    if (patch.has("longitude")) {
                        l.longitude = c.longitude();
                    }
                    if (patch.has("timezone")) {
                        l.timezone = c.timezone();
                    }
                    l.updatedAt = Instant.now();
                    if (!patch.has("parentId") || sameParent(l, c.parentId())) {
                        return Uni.createFrom().item(l);
                    }
                    return move(l, c.parentId());
                }))
                .onFailure(Errors::isOptimisticLock)
                .transform(e -> Errors.changedMeanwhile("location '" + id + "'"))
                .chain(this::view);
    }

    /** Deletes a location that holds nothing: no location under it, no asset in it. */
    public Uni<Void> delete(String tenant, String id) {
        return Panache.withTransaction(() -> find(tenant, id)
                        .chain(l -> Location.count("tenant = ?1 and parentId = ?2", tenant, l.id)
                                .chain(children -> {
                                    if (children > 0) {
                                        throw Problems.conflict("location '" + id + "' has " + children
                                                + " location(s) under it: move or delete them first");
                                    }
                                    return Asset.count("tenant = ?1 and locationId = ?2", tenant, l.id);
                                })
                                .chain(assets -> {
                                    if (assets > 0) {
                                        throw Problems.conflict("location '" + id + "' has " + assets
                                                + " asset(s) in it: move them first");
                                    }
                                    return l.delete();
                                })))
                .onFailure(e -> "23503".equals(Errors.sqlState(e)))
                .transform(e -> Problems.conflict("location '" + id + "' is in use: move what is in it first"));
    }

    /** The location of the tenant, or 404 (also for another tenant's, and for ids that are no UUID). */
    static Uni<Location> find(String tenant, String id) {
        UUID uuid = uuid(id);
        if (uuid == null) {
            return Uni.createFrom().failure(Problems.notFound("location '" + id + "' not found"));
        }
        return Location.<Location>findById(new TenantUuidKey(tenant, uuid))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("location '" + id + "' not found"));
    }

    /** A location named in a request body: 400 when the tenant has none with that id. */
    static Uni<Location> referenced(String tenant, String field, String id) {
        if (id == null) {
            return Uni.createFrom().nullItem();
        }
        return Location.<Location>findById(new TenantUuidKey(tenant, UUID.fromString(id)))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.badRequest(field + ": location '" + id + "' not found"));
    }

    private Uni<Location> move(Location l, String parentId) {
        if (l.kind == LocationKind.ORGANIZATION) {
            throw Problems.badRequest("parentId: an organization is a root and has no parent");
        }
        if (parentId == null) {
            throw Problems.badRequest("parentId: a " + l.kind.value() + " goes under " + parentKinds(l.kind));
        }
        return parent(l.tenant, parentId, l.kind).chain(parent -> {
            if (Arrays.asList(parent.path).contains(l.id)) {
                throw Problems.conflict("parentId: location '" + parentId + "' is under '" + l.id
                        + "'; a location cannot move under itself");
            }
            l.parentId = parent.id;
            l.path = append(parent.path, l.id);
            return Panache.flush()
                    .chain(() -> Panache.getSession())
                    .chain(session -> session.createNativeQuery(MOVE_SUBTREE)
                            .setParameter("tenant", l.tenant)
                            .setParameter("parent", parent.id)
                            .setParameter("id", l.id)
                            .executeUpdate())
                    .replaceWith(l);
        });
    }

    private static Uni<Location> parent(String tenant, String parentId, LocationKind kind) {
        if (parentId == null) {
            return Uni.createFrom().nullItem();
        }
        return referenced(tenant, "parentId", parentId).invoke(parent -> {
            if (!kind.parents().contains(parent.kind)) {
                throw Problems.badRequest("parentId: a " + kind.value() + " goes under " + parentKinds(kind)
                        + ", not under " + withArticle(parent.kind));
            }
        });
    }

    private Uni<LocationView> view(Location l) {
        UUID[] ancestors = Arrays.copyOf(l.path, l.path.length - 1);
        return paths.along(l.tenant, ancestors).map(refs -> view(l, refs));
    }

    public static LocationView view(Location l, List<LocationView.LocationRef> ancestors) {
        List<String> names = new ArrayList<>();
        ancestors.forEach(a -> names.add(a.name()));
        names.add(l.name);
        return new LocationView(
                l.id.toString(),
                l.kind.value(),
                l.name,
                l.parentId == null ? null : l.parentId.toString(),
                ancestors,
                String.join(LocationPaths.SEPARATOR, names),
                l.address,
                l.city,
                l.country,
                l.latitude,
                l.longitude,
                l.timezone,
                l.createdAt,
                l.updatedAt,
                l.version);
    }

    private static boolean sameParent(Location l, String parentId) {
        return parentId != null && l.parentId != null && l.parentId.toString().equalsIgnoreCase(parentId);
    }

    private static String parentKinds(LocationKind kind) {
        return kind.parents().stream()
                .map(LocationService::withArticle)
                .sorted()
                .collect(Collectors.joining(" or "));
    }

    private static String withArticle(LocationKind kind) {
        return (kind == LocationKind.ORGANIZATION ? "an " : "a ") + kind.value();
    }

    private static void checkTimezone(String timezone) {
        if (timezone == null) {
            return;
        }
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw Problems.badRequest("timezone: '" + timezone + "' is not a time zone (e.g. Europe/Paris)");
        }
    }

    private static UUID[] append(UUID[] path, UUID id) {
        UUID[] longer = Arrays.copyOf(path, path.length + 1);
        longer[path.length] = id;
        return longer;
    }

    static UUID uuid(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
