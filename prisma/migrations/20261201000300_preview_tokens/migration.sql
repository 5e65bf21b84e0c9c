-- Preview URLs carry an unguessable token instead of the Fragment's row id (a cuid: a counter, a
-- timestamp and ~41 bits from Math.random, so neighbouring ids can be guessed).
--
-- The token is 32 bytes in base64url (43 characters), the same shape the app generates with
-- crypto.randomBytes. Here the bytes come from two gen_random_uuid(): core since PostgreSQL 13
-- and drawn from pg_strong_random (the OS CSPRNG), 122 random bits each, so 244 bits per token.
-- Not pgcrypto's gen_random_bytes: it needs CREATE EXTENSION, which managed Postgres may refuse.
-- The default is volatile, so ADD COLUMN evaluates it once per existing row: every fragment made
-- before this migration gets its own token.
ALTER TABLE "Fragment" ADD COLUMN "previewToken" TEXT NOT NULL DEFAULT translate(encode(decode(replace((gen_random_uuid())::text || (gen_random_uuid())::text, '-', ''), 'hex'), 'base64'), '+/=', '-_');

CREATE UNIQUE INDEX "Fragment_previewToken_key" ON "Fragment"("previewToken");

-- Old URLs (/f/<row id>/) stop working; the recorded URL follows the new form (/p/<token>/).
UPDATE "Fragment" SET "previewUrl" = regexp_replace("previewUrl", '/f/[^/]+/$', '/p/' || "previewToken" || '/')
WHERE "previewUrl" IS NOT NULL;
