-- Issue 22 (many organizations): one organization's use cases in id order, read from this
-- index instead of the whole table's primary key. The cost detail export joins each use case to
-- its cost lines in this order, so PostgreSQL streams the rows sorted one use case at a time
-- (an incremental sort of ~100 lines) instead of sorting the whole export before its first row,
-- which it did when many organizations shared the database and it misjudged the join's size.
CREATE INDEX "UseCase_organizationId_id_idx" ON "UseCase"("organizationId", "id");
