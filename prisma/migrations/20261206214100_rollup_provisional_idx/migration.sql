-- The portfolio's headline says how much of its totals rests on use cases whose recommendation is
-- provisional (lib/server/portfolio/panels/provisional.ts). That read starts from their rollup
-- rows: this index finds them without reading the organization's other use cases.
CREATE INDEX "UseCaseRollup_provisional_idx" ON "UseCaseRollup"("organizationId") WHERE "deletedAt" IS NULL AND "evidence" = 'provisional';
