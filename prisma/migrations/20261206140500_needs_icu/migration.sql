-- The use-case list and its dropdowns sort titles as people read them, with ICU's root collation
-- ("und-x-icu", lib/server/use-cases/title-order.ts). A PostgreSQL built without ICU has no such
-- collation, and every title sort would fail as it ran; say so here, once, in words, instead.
-- Debian's and the embedded PostgreSQL have it, as do the usual managed services.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN
    RAISE EXCEPTION 'This PostgreSQL has no ICU collations (und-x-icu): Tradeoff sorts titles with ICU. Use a PostgreSQL built with ICU (--with-icu; Debian''s, the embedded one and the usual managed services are).';
  END IF;
END
$$;
