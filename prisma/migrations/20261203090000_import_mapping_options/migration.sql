-- The rest of a saved import mapping: the columns an external id is built from, and whether garbled text is repaired.
ALTER TABLE "ImportMapping" ADD COLUMN "options" JSONB NOT NULL DEFAULT '{}';
