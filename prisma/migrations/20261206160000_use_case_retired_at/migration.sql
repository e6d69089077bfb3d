-- When a use case was retired (docs/decisions/portfolio-dashboard.md, "A retired use case projects no
-- spend after its retirement year"): its projection stops at the end of that calendar year.
--
-- "retiredAt" is set while the status is RETIRED and only then (the check below). A trigger keeps
-- it so on every write path at once (the registry's saves, the import's bulk writer, an undo, a
-- restore from a backup): a row that becomes RETIRED without a time given gets the transaction's
-- time; a row that stays RETIRED keeps its time; a row that leaves RETIRED loses it. A writer that
-- knows the time (the import, which derives the projection before it writes) gives it.

ALTER TABLE "UseCase" ADD COLUMN "retiredAt" TIMESTAMP(3);

-- Use cases retired before this column: the last time the audit trail saw the status become
-- RETIRED (an edit or an import that set it), else the time the use case was logged (it was
-- created or imported already retired, and no later time is known).
UPDATE "UseCase" u SET "retiredAt" = COALESCE(
  (SELECT max(a."at") FROM "AuditEvent" a
    WHERE a."organizationId" = u."organizationId" AND a."entity" = 'UseCase' AND a."entityId" = u."id"
      AND a."after"->>'status' = 'RETIRED'),
  u."createdAt")
WHERE u."status" = 'RETIRED';

CREATE FUNCTION "UseCase_retiredAt"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" <> 'RETIRED' THEN
    NEW."retiredAt" := NULL;
  ELSIF NEW."retiredAt" IS NULL THEN
    NEW."retiredAt" := now();
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "UseCase_retiredAt" BEFORE INSERT OR UPDATE OF "status", "retiredAt" ON "UseCase"
  FOR EACH ROW EXECUTE FUNCTION "UseCase_retiredAt"();

ALTER TABLE "UseCase" ADD CONSTRAINT "UseCase_retiredAt_check" CHECK (("status" = 'RETIRED') = ("retiredAt" IS NOT NULL));
