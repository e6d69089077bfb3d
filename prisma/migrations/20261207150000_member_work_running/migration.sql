-- A run of one-at-a-time work (a preview, a save that re-projects, a re-score) is marked as under way
-- in PostgreSQL rather than in the server's memory, so a member's second run is refused whichever
-- app server it reaches (lib/server/member-work-throttle.ts). NULL while the run works; runs that
-- had finished before this column are marked done when they started.
ALTER TABLE "MemberWork" ADD COLUMN "doneAt" TIMESTAMP(3);
UPDATE "MemberWork" SET "doneAt" = "at";
