-- The pieces the inbox search looks words up by: the two-character substrings of the lower-cased
-- text (duplicates left in; the index keeps each once). ILIKE compares lower-cased text too, so a
-- text that contains a word contains all of the word's pieces; the index narrows, the ILIKE still
-- decides (list-matters.ts). The pairs at even positions, then those at odd positions, each cut by
-- one regexp_replace: substr() per position walks the text from its start every time, which cost
-- ~14x more on real texts. \x01 marks the cuts, so it is made a space in the text first (the same
-- on both sides of a comparison, so no word is missed). IMMUTABLE, as an index expression must be.
CREATE FUNCTION jiceng_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT string_to_array(trim(trailing E'\x01' from regexp_replace(left(l, n - n % 2), '(..)', E'\\1\x01', 'g')), E'\x01')
      || string_to_array(trim(trailing E'\x01' from regexp_replace(substr(l, 2, (n - 1) - (n - 1) % 2), '(..)', E'\\1\x01', 'g')), E'\x01')
  FROM translate(lower(t), E'\x01', ' ') AS l, char_length(l) AS n
$$;
--> statement-breakpoint
CREATE INDEX "matters_search_bigrams_idx" ON "matters" USING gin (jiceng_bigrams("title" || ' ' || "description" || ' ' || "code"));
