-- What a signed-in member has asked the server to work through (lib/server/member-work-throttle.ts):
-- one row per run of a costly entry point (a preview of new assumptions, an import, an export),
-- with the use cases or rows it covered, so one member cannot take the cores from everyone else.
-- Global, like "LoginAttempt": the key names the organization and the member.
CREATE TABLE "MemberWork" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "units" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberWork_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "MemberWork_key_at_idx" ON "MemberWork"("key", "at");
