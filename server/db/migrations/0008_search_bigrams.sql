-- The pieces the inbox search looks words up by: every distinct two-character substring of the
-- lower-cased text. ILIKE compares lower-cased text too, so a text that contains a word contains
-- all of the word's pieces; the index narrows, the ILIKE still decides (list-matters.ts).
-- IMMUTABLE, as an index expression must be; the index below is its only stored result.
CREATE FUNCTION jiceng_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT substr(l, i, 2)), '{}')
  FROM lower(t) AS l, generate_series(1, char_length(l) - 1) AS i
$$;
--> statement-breakpoint
CREATE INDEX "matters_search_bigrams_idx" ON "matters" USING gin (jiceng_bigrams("title" || ' ' || "description" || ' ' || "code"));
