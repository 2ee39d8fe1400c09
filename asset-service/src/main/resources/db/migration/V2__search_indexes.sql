-- Indexes of the asset search (GET /api/v1/assets), chosen by measurement: asset-service/bench/run.sh prints, for
-- 100,000 assets of one tenant, every query kind's latency and plan with these indexes and (COMPARE=1) without them,
-- and how often each index was used; README.md (Benchmarks) keeps the figures. Every index starts with the tenant,
-- which every query is scoped by. The range indexes carry the type and status, so that counts with those filters are
-- answered from the index alone. Kept out on purpose: the other sort fields (createdAt, updatedAt, model), whose
-- first page is a top-N sort of the tenant's assets.

-- type=..., and the default order (id) within a type
CREATE INDEX assets_search_type ON assets (tenant, asset_type, id);
-- manufacturer=... [&model=...] (case-insensitive)
CREATE INDEX assets_search_maker ON assets (tenant, lower(manufacturer), lower(model), id);
-- location=... (the ids of the location's subtree, then each one's assets, of one type when asked)
CREATE INDEX assets_search_location ON assets (tenant, location_id, asset_type) INCLUDE (status);
-- installedFrom/installedTo, sort=installDate
CREATE INDEX assets_search_installed ON assets (tenant, install_date, id) INCLUDE (asset_type, status);
-- warranty=active|expired|unknown, sort=warrantyEnd
CREATE INDEX assets_search_warranty ON assets (tenant, warranty_end, id) INCLUDE (asset_type, status);
-- sort=lastMaintenance (the assets longest without, or just, maintained)
CREATE INDEX assets_search_maintained ON assets (tenant, last_maintenance, id);
-- sort=name (the first page of a fleet by name)
CREATE INDEX assets_search_name ON assets (tenant, lower(name), id);
-- q=... (substring of id, name, manufacturer, model, serial number): trigrams
CREATE INDEX assets_search_text ON assets USING gin (search_text gin_trgm_ops);
