package io.iotsphere.asset.service;

import io.iotsphere.asset.Product;
import io.iotsphere.asset.VendingSlot;
import io.iotsphere.asset.rest.Patch;
import io.iotsphere.asset.rest.ProductChange;
import io.iotsphere.asset.rest.ProductRequest;
import io.iotsphere.asset.rest.ProductView;
import io.iotsphere.commons.persistence.TenantKey;
import io.iotsphere.commons.rest.Page;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.rest.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The products a tenant sells from its vending machines. */
@ApplicationScoped
public class ProductService {

    public Uni<ProductView> create(String tenant, ProductRequest r) {
        checkPrice(r.unitPrice() != null, r.currency() != null);
        return Panache.withTransaction(() -> Product.<Product>findById(new TenantKey(tenant, r.id()))
                        .chain(existing -> {
                            if (existing != null) {
                                throw conflict(r.id());
                            }
                            Instant now = Instant.now();
                            Product p = new Product();
                            p.tenant = tenant;
                            p.id = r.id();
                            p.name = r.name();
                            p.category = r.category();
                            p.description = r.description();
                            p.unitPrice = r.unitPrice();
                            p.currency = r.currency();
                            p.createdAt = now;
                            p.updatedAt = now;
                            return p.<Product>persist();
                        }))
                .onFailure(Errors::isUniqueViolation)
                .transform(e -> conflict(r.id()))
                .map(ProductView::of);
    }

    public Uni<ProductView> get(String tenant, String id) {
        return Panache.withSession(() -> find(tenant, id)).map(ProductView::of);
    }

    public Uni<Page<ProductView>> list(String tenant, String category, String text, PageRequest page) {
        StringBuilder where = new StringBuilder("tenant = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant);
        if (category != null) {
            where.append(" and category = :category");
            params.put("category", category);
        }
        if (text != null) {
            where.append(" and (lower(name) like :text or lower(id) like :text)");
            params.put("text", "%" + text.toLowerCase().replace("%", "").replace("_", "") + "%");
        }
        return Panache.withSession(() -> {
            var query = Product.<Product>find(where.toString(), Sort.by("name", "id"), params)
                    .page(io.quarkus.panache.common.Page.of(page.page, page.size));
            return query.list()
                    .chain(items -> query.count()
                            .map(total ->
                                    Page.of(items.stream().map(ProductView::of).toList(), page, total)));
        });
    }

    public Uni<ProductView> update(String tenant, String id, Patch<ProductChange> patch) {
        ProductChange c = patch.value();
        if (patch.has("name") && c.name() == null) {
            throw Problems.badRequest("name: cannot be cleared");
        }
        return Panache.<Product>withTransaction(() -> find(tenant, id).map(p -> {
                    if (c.version() != null && c.version() != p.version) {
                        throw Errors.versionMismatch("product '" + id + "'", p.version, c.version());
                    }
                    if (patch.has("name")) {
                        p.name = c.name();
                    }
                    if (patch.has("category")) {
                        p.category = c.category();
                    }
                    if (patch.has("description")) {
                        p.description = c.description();
                    }
                    if (patch.has("unitPrice")) {
                        p.unitPrice = c.unitPrice();
                    }
                    if (patch.has("currency")) {
                        p.currency = c.currency();
                    }
                    checkPrice(p.unitPrice != null, p.currency != null);
                    p.updatedAt = Instant.now();
                    return p;
                }))
                .onFailure(Errors::isOptimisticLock)
                .transform(e -> Errors.changedMeanwhile("product '" + id + "'"))
                .map(ProductView::of);
    }

    /** Deletes a product no slot holds. */
    public Uni<Void> delete(String tenant, String id) {
        return Panache.withTransaction(() -> find(tenant, id)
                        .chain(p -> VendingSlot.count("tenant = ?1 and productId = ?2", tenant, id)
                                .chain(slots -> {
                                    if (slots > 0) {
                                        throw Problems.conflict("product '" + id + "' is in " + slots
                                                + " slot(s): take it out of them first");
                                    }
                                    return p.delete();
                                })))
                .onFailure(e -> "23503".equals(Errors.sqlState(e)))
                .transform(e -> Problems.conflict("product '" + id + "' is in a slot: take it out first"));
    }

    private static Uni<Product> find(String tenant, String id) {
        return Product.<Product>findById(new TenantKey(tenant, id))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("product '" + id + "' not found"));
    }

    private static void checkPrice(boolean price, boolean currency) {
        if (price != currency) {
            throw Problems.badRequest("unitPrice and currency go together: give both or neither");
        }
    }

    private static RuntimeException conflict(String id) {
        return Problems.conflict("a product '" + id + "' already exists");
    }
}
