"""Views over the tables that group rows across articles: `people` and `duplicates`.

`newsbeam query` creates them after the table views (`query.connect`). `duplicates` needs
the columns of schema 2 (`near_dup_*`), `people` those of schema 3 (`person_key`,
`speaker_person_key`, `roles`, `gender`, ...); over output written before them they are
left out, since their columns do not exist there.
"""

from __future__ import annotations

#: Estimated Jaccard similarity (share of agreeing MinHash positions) from which two
#: articles sharing a band are near-copies.
NEAR_COPY_SIMILARITY = 0.8


def most_frequent(column: str, count: str) -> str:
    """SQL for a group's most frequent `column`, where `count` is a window count of each
    value: ties go alphabetical, because DuckDB's mode() breaks them by scan order and two
    queries over the same output would then name different people, roles or texts."""
    return f"first({column} ORDER BY {count} DESC, {column})"


def written_given(name: str, key: str) -> str:
    """SQL for the given name as `name` writes it, folded like the key but for short
    forms (case, accents, dots, transliterated -iy/-ii endings as `transliteration_fold`
    writes them; punctuation splits words): the word of `name` at the key's first word,
    counted from the end, since the key drops only leading titles ("Sen. Mike Lee", key
    "michael lee" -> "mike"; "Serhii Haidai" -> "serhy"). A possessive ending is no word
    (the key drops it too); a name with fewer words than the key gives the key's first
    word (a list index below 1 would count from the end)."""
    bare = f"regexp_replace(replace({name}, '.', ''), '[''’]s?$', '')"
    words = (
        f"string_split(trim(regexp_replace(lower(strip_accents({bare})), "
        f"'[^\\pL\\pN]+', ' ', 'g')), ' ')"
    )
    size = f"len(string_split({key}, ' '))"
    word = f"CASE WHEN len({words}) >= {size} THEN {words}[len({words}) - {size} + 1] END"
    folded = f"regexp_replace({word}, '^(.{{2,}}[^aeiouy])(iy|yy|yi|ii)$', '\\1y')"
    return f"coalesce({folded}, split_part({key}, ' ', 1))"


#: Least share of a person's gendered rows that must give one gender for it to be theirs.
#: One article's wrong pronoun must not turn a person named in hundreds "unknown" (Joe
#: Biden: 364 articles male, one female by a misread pronoun); two articles that disagree
#: still leave a person unknown.
GENDER_AGREEMENT = 0.9


def agreed_gender(gender: str) -> str:
    """SQL aggregate: "female" or "male" when at least GENDER_AGREEMENT of the rows that
    give a gender in column `gender` give it, else "unknown"."""
    given = f"count(*) FILTER (WHERE {gender} IN ('female', 'male'))"
    cases = " ".join(
        f"WHEN count(*) FILTER (WHERE {gender} = '{g}') > 0 AND "
        f"count(*) FILTER (WHERE {gender} = '{g}') >= {GENDER_AGREEMENT} * {given} THEN '{g}'"
        for g in ("female", "male")
    )
    return f"CASE {cases} ELSE 'unknown' END"


#: Words of roles and affiliations that say nothing of who a person is: two people
#: described with them alone still share nothing.
EMPTY_ROLE_WORDS = (
    "the and for with from who was his her their its former senior then new top also "
    "has had have now one two some"
).split()

#: Keys whose people are split by the given name articles write: a key folds short forms
#: of given names ("Mike" -> "michael"), and two different people can fold to one ("Mike
#: Garrett" a pastor, "Michael Garrett" a CEO). A key is split when its articles write
#: two given names or more (after the folds of `written_given`), every one of them
#: comes with roles or an affiliation, and no two share a word of them (EMPTY_ROLE_WORDS
#: and words under three letters left out): both are described, as different people.
#: One name undescribed, or one shared word ("Mayor" / "New York City's Mayor"), keeps
#: them one person. Split people are keyed by the given name as written ("mike garrett").
SPLIT_KEYS = f"""
keyed AS (
    SELECT *, {written_given("name", "person_key")} AS given
    FROM entities WHERE person_key IS NOT NULL
), described_by AS (
    SELECT DISTINCT person_key, given, word FROM (
        SELECT person_key, given, unnest(regexp_split_to_array(lower(strip_accents(
            concat_ws(' ', affiliation, array_to_string([r.text FOR r IN roles], ' ')))),
            '[^\\pL\\pN]+')) AS word
        FROM keyed
    ) WHERE length(word) >= 3 AND word NOT IN ({", ".join(f"'{w}'" for w in EMPTY_ROLE_WORDS)})
), split AS (
    SELECT person_key
    FROM (SELECT person_key, count(DISTINCT given) AS n FROM keyed GROUP BY 1)
    JOIN (SELECT person_key, count(DISTINCT given) AS n FROM described_by GROUP BY 1)
        USING (person_key, n)
    WHERE n > 1 AND person_key NOT IN (
        SELECT person_key FROM described_by GROUP BY person_key, word
        HAVING count(DISTINCT given) > 1
    )
)"""


def split_key(given: str, key: str) -> str:
    """SQL for the people view's key of a row under `key` whose given name is written
    `given`: the key, or for a split key (SPLIT_KEYS) `given` and the rest of the key."""
    rest = f"substr({key}, strpos({key}, ' '))"
    return (
        f"CASE WHEN {key} IN (SELECT person_key FROM split) THEN {given} || {rest} ELSE {key} END"
    )


#: A quote's speaker as the `people` view keys people (SPLIT_KEYS in scope).
QUOTE_PERSON = split_key(written_given("speaker", "speaker_person_key"), "speaker_person_key")


#: One row per person (`person_key`, split as SPLIT_KEYS says): the name articles give
#: them most often (ties alphabetical), all the names articles gave them, the articles
#: naming them, their quotes (rows at confidence 0.5 or more: those a reader can take as
#: facts), the first and last publication date, the roles and affiliations articles gave
#: them (most frequent first), and their gender: the one nearly all their articles give
#: (`agreed_gender`; "unknown" when none does), with its strongest evidence.
PEOPLE = f"""
WITH {SPLIT_KEYS.strip()}, person AS (
    SELECT * REPLACE ({split_key("given", "person_key")} AS person_key) FROM keyed
), named AS (
    SELECT person_key, name, article_id, date, gender, gender_evidence,
           count(*) OVER (PARTITION BY person_key, name) AS n_name
    FROM person
), said AS (
    SELECT {QUOTE_PERSON} AS person_key, count(*) AS quotes,
           count(DISTINCT article_id) AS quoted_in
    FROM quotes WHERE speaker_person_key IS NOT NULL AND confidence >= 0.5 GROUP BY 1
), described AS (
    SELECT person_key, list(role ORDER BY n DESC, role) AS roles
    FROM (
        SELECT person_key, role.text AS role, count(*) AS n
        FROM (SELECT person_key, unnest(roles) AS role FROM person)
        GROUP BY ALL
    ) GROUP BY 1
), affiliated AS (
    SELECT person_key, list(affiliation ORDER BY n DESC, affiliation) AS affiliations
    FROM (
        SELECT person_key, affiliation, count(*) AS n FROM person
        WHERE affiliation IS NOT NULL GROUP BY ALL
    ) GROUP BY 1
), agreed AS (
    SELECT person_key, {agreed_gender("gender")} AS gender FROM named GROUP BY 1
), gendered AS (
    SELECT person_key, gender, arg_min(named.gender_evidence,
               list_position(['honorific', 'noun', 'pronoun', 'given_name'],
               named.gender_evidence)) AS gender_evidence
    FROM agreed JOIN named USING (person_key, gender) GROUP BY 1, 2
)
SELECT person_key, {most_frequent("name", "n_name")} AS name,
       list(DISTINCT name ORDER BY name) AS variants,
       count(DISTINCT article_id) AS articles,
       coalesce(any_value(said.quotes), 0) AS quotes,
       coalesce(any_value(said.quoted_in), 0) AS quoted_in,
       min(date) AS first_date, max(date) AS last_date,
       coalesce(any_value(described.roles), []) AS roles,
       coalesce(any_value(affiliated.affiliations), []) AS affiliations,
       coalesce(any_value(gendered.gender), 'unknown') AS gender,
       any_value(gendered.gender_evidence) AS gender_evidence
FROM named LEFT JOIN said USING (person_key) LEFT JOIN described USING (person_key)
LEFT JOIN affiliated USING (person_key) LEFT JOIN gendered USING (person_key)
GROUP BY person_key
"""

#: One row per article that has near-copies: `group_id` is the earliest article (by date,
#: then id) among it and its near-copies, `similarity` its estimated Jaccard similarity to
#: that article, `copies` how many articles name that group. Pairs come from shared LSH
#: bands and are kept when their signatures agree on NEAR_COPY_SIMILARITY of positions.
DUPLICATES = f"""
WITH bands AS (
    SELECT article_id, date, unnest(near_dup_bands) AS band FROM articles
), pairs AS (
    SELECT DISTINCT a.article_id AS a, b.article_id AS b
    FROM bands a JOIN bands b ON a.band = b.band AND a.article_id <> b.article_id
), signatures AS (
    SELECT article_id, date, near_dup_signature AS signature FROM articles
), positions AS (
    SELECT article_id, unnest(signature) AS value, generate_subscripts(signature, 1) AS i
    FROM signatures
), near AS (
    SELECT p.a, p.b, any_value(sb.date) AS b_date, avg((va.value = vb.value)::DOUBLE) AS similarity
    FROM pairs p
    JOIN positions va ON va.article_id = p.a
    JOIN positions vb ON vb.article_id = p.b AND vb.i = va.i
    JOIN signatures sb ON sb.article_id = p.b
    GROUP BY p.a, p.b
), firsts AS (
    SELECT a AS article_id, arg_min(b, (b_date, b)) AS first
    FROM (
        SELECT a, b, b_date FROM near WHERE similarity >= {NEAR_COPY_SIMILARITY}
        UNION ALL SELECT article_id, article_id, date FROM signatures
    )
    GROUP BY a
), grouped AS (
    SELECT f.first AS group_id, f.article_id, count(*) OVER (PARTITION BY f.first) AS copies
    FROM firsts f
)
SELECT g.group_id, g.copies, g.article_id, a.date, a.publisher, a.title,
       coalesce(s.similarity, 1.0) AS similarity
FROM grouped g JOIN articles a USING (article_id)
LEFT JOIN near s ON s.a = g.article_id AND s.b = g.group_id
WHERE g.copies > 1
"""

#: View name -> (its SQL, the (table, column) it needs).
VIEWS = {
    "people": (PEOPLE, ("entities", "gender")),
    "duplicates": (DUPLICATES, ("articles", "near_dup_bands")),
}
