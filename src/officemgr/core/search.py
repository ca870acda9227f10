"""The quick filter's index: the folded text of every customer and job, and its queries.

Two structures, both keyed by the node id and written in the same transaction as the
data they mirror (see `install` and `refresh`):

- ``search_terms`` (a plain table, `models.SearchTerm`): every folded field value of a
  node (company, person names, contact names, city, e-mails, account number, phone
  digits) and every word of them. Its primary key answers "a field / a word equals or
  starts with …" with an index range, so one- and two-letter queries are as quick as
  long ones.
- ``search_text`` (SQLite FTS5 with the trigram tokenizer): the same folded text in one
  string per node, with the phone digits, for "contains" anywhere (three letters or more).

Folding — case folded, accents dropped, in every script (`keys.fold`) — happens here in
Python, for the data and the query alike: SQLite 3.40's trigram tokenizer folds case but
not accents, and a later server port needs the same rules. Everything SQLite-specific
(FTS5, ``rowid``) stays in this module.

Modes and ranking (each tier stops at the limit, so a query never sorts every match):

- ``equals``: the name, or a whole field, is the text;
- ``starts_with``: the exact name, then names, then fields starting with the text;
- ``contains``: those, then any word starting with each word of the text, then the text
  anywhere (for words of three letters or more: FTS5 trigrams; one and two letters match
  word starts, and any position of a word in a script written without spaces).

Phone numbers match by their digits whatever their stored format: the last digits
through the phones' own index (``digits_key``), leading digits as a field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    column,
    delete,
    event,
    exists,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from officemgr.core import keys
from officemgr.core import models as m
from officemgr.core.choices import SearchMode, Show
from officemgr.core.validation import parse_phone
from officemgr.core.validation.phones import CALLER_ID_KEY_DIGITS

N = m.table(m.CustomerJob)
ROOT = N.alias("root")
TERMS = m.table(m.SearchTerm)
CONTACTS = m.table(m.Contact)
ADDRESSES = m.table(m.Address)
EMAILS = m.table(m.Email)
PHONES = m.table(m.Phone)

# What every ranking tier selects: the node and the key it sorts by within the tier.
_ROW = (N.c.id, N.c.full_name)
_MAX_LIMIT = 2**63 - 1  # the largest LIMIT SQLite takes

FTS_TABLE = "search_text"
# Tables SQLite makes for the FTS5 index; not part of the SQLAlchemy models.
SQLITE_ONLY_TABLES = frozenset(
    f"{FTS_TABLE}{suffix}" for suffix in ("", "_data", "_idx", "_content", "_docsize", "_config")
)
CREATE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "body, tokenize = 'trigram case_sensitive 1')"  # the text comes folded already
)
# On PostgreSQL the same text sits in a plain table keyed by the node's id (named
# ``rowid`` as FTS5's is, so one set of statements serves both), searched with LIKE
# through a pg_trgm trigram index.
CREATE_SERVER_TEXT = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE TABLE IF NOT EXISTS {FTS_TABLE} (rowid integer PRIMARY KEY, body text NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS ix_{FTS_TABLE}_body ON {FTS_TABLE} USING gin (body gin_trgm_ops)",
)


def create_text_index(conn: Connection) -> None:
    """Make the text index's table (a migration's step)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(CREATE_FTS)
        return
    for statement in CREATE_SERVER_TEXT:
        conn.exec_driver_sql(statement)


def _mark(conn: Connection) -> str:
    """The driver's placeholder for one positional parameter (sqlite3 ``?``, psycopg ``%s``)."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


TERM_LENGTH = m.SHORT - 1
# Whole field values are stored as terms behind this mark ("=acme heating llc"); words
# ("acme", "heating", "llc") are never marked, as "=" is not a word character.
FIELD_MARK = "="
BATCH = 2000  # nodes refreshed per round of selects
_WORD = re.compile(r"\w+")
# Stored text never holds control characters or lone surrogates (the services refuse
# them), so a query loses nothing without them; FTS5 reads a NUL as the query's end.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Scripts written without spaces between words (Chinese, Japanese, Thai): every position
# of such a word is indexed as a word start, so a two-letter name inside one is found.
_UNSPACED = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_PHONE_CHARS = re.compile(r"[\d\s().+\-/]+")
# Above every character SQLite can store, so "term >= w AND term < w + HIGH" is a prefix.
_HIGH = "\U0010ffff"
# Terms counted per word to find the rarest, in two rounds: most words are told apart by
# the first; words that all reach it (every word of an e-mail at 300,000 customers:
# "joshua", "hudson", "example", "org") are counted again, further, so that a name — not
# the domain, a quarter of a million terms — drives the search.
_RANK_ROUNDS = (2000, 20000)


# ------------------------------------------------------------------ what is indexed


@dataclass
class NodeText:
    values: list[str] = field(default_factory=list)  # folded field values
    digits: list[str] = field(default_factory=list)  # phone numbers, digits only

    def terms(self) -> set[str]:
        found: set[str] = set()
        for value in self.values:
            found.add(FIELD_MARK + " ".join(value.split())[:TERM_LENGTH])
            for word in _WORD.findall(value):
                found.add(word[:TERM_LENGTH])
                if _UNSPACED.search(word):  # 株式会社山田: 山田 must be a word start too
                    found.update(word[i:][:TERM_LENGTH] for i in range(1, len(word) - 1))
        found.update(FIELD_MARK + d[:TERM_LENGTH] for d in self.digits)
        return found

    def body(self) -> str:
        return "\n".join([*self.values, *self.digits])


def _phone_digits(digits_key: str | None) -> str | None:
    """The stored key is the last ten digits reversed (for suffix lookups); undo that."""
    return digits_key[::-1] if digits_key else None


# What is indexed of a node: these columns of its own, its contacts' names, its
# addresses' cities, and the e-mails and phones of it and its contacts.
NODE_COLUMNS = ("name", "company_name", "first_name", "last_name", "account_number")


def text_of_new(
    node: Mapping[str, Any],
    cities: Iterable[str | None],
    emails: Iterable[str],
    digits_keys: Iterable[str | None],
    *,
    contact_names: Iterable[str] = (),
    contact_emails: Iterable[str] = (),
    contact_digits_keys: Iterable[str | None] = (),
) -> NodeText:
    """The indexed text of a node about to be written (an import's new records, the sample
    company), from its rows' values: the same text `_collect` reads back. Each argument
    in the order of its rows' ids; its contacts' e-mails and phones contact by contact."""
    text = NodeText()
    names = (node[name] for name in NODE_COLUMNS)
    for value in (*names, *contact_names, *cities, *emails, *contact_emails):
        if value and value.strip():
            text.values.append(keys.fold(value.strip()))
    for key in (*digits_keys, *contact_digits_keys):
        if digits := _phone_digits(key):
            text.digits.append(digits)
    return text


def add_new(conn: Connection, texts: Mapping[int, NodeText]) -> None:
    """Index rows for nodes that have none yet (see `text_of_new`)."""
    _insert(conn, texts)


def _collect(conn: Connection, ids: Sequence[int]) -> dict[int, NodeText]:
    """The folded text of each node in ``ids`` (missing ones are left out): 6 selects."""
    found: dict[int, NodeText] = {}
    wanted: Any = bindparam("ids", expanding=True)

    def add(node_id: int, *values: str | None) -> None:
        entry = found.get(node_id)
        if entry is not None:
            entry.values.extend(keys.fold(v.strip()) for v in values if v and v.strip())

    rows = conn.execute(
        select(N.c.id, *(N.c[name] for name in NODE_COLUMNS)).where(N.c.id.in_(wanted)),
        {"ids": list(ids)},
    )
    for node_id, *values in rows:
        found[node_id] = NodeText()
        add(node_id, *values)
    if not found:
        return found
    params = {"ids": list(found)}
    for owner, name in conn.execute(
        select(CONTACTS.c.owner_id, CONTACTS.c.name).where(CONTACTS.c.owner_id.in_(wanted)),
        params,
    ):
        add(owner, name)
    for owner, city in conn.execute(
        select(ADDRESSES.c.owner_id, ADDRESSES.c.city).where(ADDRESSES.c.owner_id.in_(wanted)),
        params,
    ):
        add(owner, city)
    # E-mails and phones of the node itself and of its contacts.
    for node_id, address in conn.execute(
        select(EMAILS.c.owner_id, EMAILS.c.address).where(EMAILS.c.owner_id.in_(wanted)), params
    ):
        add(node_id, address)
    for node_id, address in conn.execute(
        select(CONTACTS.c.owner_id, EMAILS.c.address)
        .join(EMAILS, EMAILS.c.contact_id == CONTACTS.c.id)
        .where(CONTACTS.c.owner_id.in_(wanted)),
        params,
    ):
        add(node_id, address)
    phone_rows: list[Any] = list(
        conn.execute(
            select(PHONES.c.owner_id, PHONES.c.digits_key).where(PHONES.c.owner_id.in_(wanted)),
            params,
        )
    )
    phone_rows += conn.execute(
        select(CONTACTS.c.owner_id, PHONES.c.digits_key)
        .join(PHONES, PHONES.c.contact_id == CONTACTS.c.id)
        .where(CONTACTS.c.owner_id.in_(wanted)),
        params,
    ).all()
    for node_id, digits_key in phone_rows:
        digits = _phone_digits(digits_key)
        if digits and node_id in found:
            found[node_id].digits.append(digits)
    return found


def _batches(ids: Iterable[int]) -> Iterator[list[int]]:
    batch: list[int] = []
    for node_id in ids:
        batch.append(node_id)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def refresh(conn: Connection, node_ids: Iterable[int]) -> None:
    """Rewrite the index rows of these nodes from their current data (deleted ones go)."""
    _write(conn, node_ids, clear=True)


def rebuild(conn: Connection) -> None:
    """Build the whole index again (after a bulk load or a migration)."""
    conn.execute(delete(TERMS))
    conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE}")
    _write(conn, conn.execute(select(N.c.id)).scalars(), clear=False)


def _write(conn: Connection, node_ids: Iterable[int], *, clear: bool) -> None:
    # Plain DB-API executemany: SQLAlchemy's per-row parameter handling would cost more
    # than the inserts themselves on a 100,000-customer rebuild.
    for batch in _batches(sorted(set(node_ids))):
        texts = _collect(conn, batch)
        if clear:
            marks = ", ".join([_mark(conn)] * len(batch))
            conn.exec_driver_sql(
                f"DELETE FROM search_terms WHERE node_id IN ({marks})", tuple(batch)
            )
            conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", tuple(batch))
        _insert(conn, texts)


def _insert(conn: Connection, texts: Mapping[int, NodeText]) -> None:
    terms = [(term, node_id) for node_id, entry in texts.items() for term in entry.terms()]
    if terms:
        mark = _mark(conn)
        conn.exec_driver_sql(
            f"INSERT INTO search_terms (term, node_id) VALUES ({mark}, {mark})", terms
        )
    bodies = [(node_id, entry.body()) for node_id, entry in texts.items()]
    if bodies:
        mark = _mark(conn)
        conn.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES ({mark}, {mark})", bodies
        )


def out_of_date(conn: Connection) -> tuple[list[int], int]:
    """For Verify Data: the nodes whose index rows differ from what their data gives
    today, and how many index rows belong to no node any more."""
    stale: list[int] = []
    ids = conn.execute(select(N.c.id).order_by(N.c.id)).scalars().all()
    for batch in _batches(ids):
        expected = _collect(conn, batch)
        marks = ", ".join([_mark(conn)] * len(batch))
        bodies: dict[int, str] = dict(
            conn.exec_driver_sql(
                f"SELECT rowid, body FROM {FTS_TABLE} WHERE rowid IN ({marks})", tuple(batch)
            ).all()
        )
        terms: dict[int, set[str]] = {}
        for node_id, term in conn.exec_driver_sql(
            f"SELECT node_id, term FROM search_terms WHERE node_id IN ({marks})", tuple(batch)
        ):
            terms.setdefault(node_id, set()).add(term)
        for node_id in batch:
            text = expected.get(node_id)
            body, want = (text.body(), text.terms()) if text else (None, set())
            if bodies.get(node_id) != body or terms.get(node_id, set()) != want:
                stale.append(node_id)
    orphans = conn.exec_driver_sql(
        f"SELECT count(*) FROM {FTS_TABLE} WHERE rowid NOT IN (SELECT id FROM customer_jobs)"
    ).scalar_one()
    orphans += conn.exec_driver_sql(
        "SELECT count(*) FROM search_terms WHERE node_id NOT IN (SELECT id FROM customer_jobs)"
    ).scalar_one()
    return stale, int(orphans)


# ------------------------------------------------------- kept in step with every write


def install(session: Session) -> None:
    """Keep the index in step with everything ``session`` writes, in its transaction.

    The ORM objects a flush writes (customers, jobs, contacts, addresses, e-mails, phones)
    are noted; just before commit their nodes are refreshed. Core bulk writers (the
    sample company, migrations) call `refresh` or `rebuild` themselves.
    """
    event.listen(session, "after_flush", _note_flushed)
    event.listen(session, "before_commit", _refresh_noted)


# What each kind of record gives the index: a record changed in none of these (a notepad,
# a credit limit, a version moving on) leaves its node's index rows as they are.
_INDEXED: dict[type, tuple[str, ...]] = {
    m.CustomerJob: NODE_COLUMNS,
    m.Contact: ("name", "owner_id"),
    m.Address: ("city", "owner_id"),
    m.Phone: ("digits_key", "owner_id", "contact_id"),
    m.Email: ("address", "owner_id", "contact_id"),
}


def _changes_the_index(obj: object) -> bool:
    """Whether a changed (not new, not deleted) record changed what the index holds."""
    indexed = _INDEXED.get(type(obj))
    if indexed is None:
        return False
    attrs = sa_inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in indexed)


def _note_flushed(session: Session, _context: object) -> None:
    nodes: set[int] = session.info.setdefault("search_nodes", set())
    contacts: set[int] = session.info.setdefault("search_contacts", set())
    changed = [obj for obj in session.dirty if _changes_the_index(obj)]
    for obj in (*session.new, *changed, *session.deleted):
        if isinstance(obj, m.CustomerJob):
            nodes.add(obj.id)
        elif isinstance(obj, (m.Contact, m.Address)):
            nodes.add(obj.owner_id)
        elif isinstance(obj, (m.Phone, m.Email)):
            if obj.owner_id is not None:
                nodes.add(obj.owner_id)
            if obj.contact_id is not None:
                contacts.add(obj.contact_id)


def _refresh_noted(session: Session) -> None:
    session.flush()
    nodes: set[int] = session.info.pop("search_nodes", set())
    contacts: set[int] = session.info.pop("search_contacts", set())
    conn = session.connection()
    if contacts:
        nodes.update(
            conn.execute(
                select(CONTACTS.c.owner_id).where(CONTACTS.c.id.in_(sorted(contacts)))
            ).scalars()
        )
    nodes.discard(None)
    if nodes:
        refresh(conn, nodes)


# --------------------------------------------------------------------------- queries


def find(
    conn: Connection,
    query: str,
    *,
    mode: SearchMode = "contains",
    show: Show = "active",
    limit: int = 50,
    region: str = "US",
) -> list[int]:
    """Ids of the nodes matching ``query``, best first (see the module docstring)."""
    folded = " ".join(keys.fold(_NOT_TEXT.sub("", query)).split())
    if not folded:
        return []
    found: list[int] = []
    seen: set[int] = set()
    # Over-fetch, as a tier may repeat a node; SQLite's LIMIT is a 64-bit integer.
    fetch = {"limit": min(limit * 2, _MAX_LIMIT)}
    for tier, params in _tiers(conn, query, folded, mode, region):
        rows = conn.execute(_shown(tier, show), {**params, **fetch})
        fresh = {row.id: row.full_name for row in rows if row.id not in seen}
        # Within a tier, in the list's order: accents and case folded (Ødegård with O).
        found.extend(sorted(fresh, key=lambda node_id: (keys.fold(fresh[node_id]), node_id)))
        seen.update(fresh)
        if len(found) >= limit:
            break
    return found[:limit]


Tier = tuple[Select[Any], dict[str, Any]]


def _tiers(
    conn: Connection, query: str, folded: str, mode: SearchMode, region: str
) -> Iterator[Tier]:
    """The searches of ``find``, best first: each a statement built once for its shape
    (SQLAlchemy builds and keys a new statement in about as long as SQLite runs it) with
    the query's words as parameters. Made as they are reached: most queries stop early."""
    yield _by_name(), {"name": folded[: m.NAME_LENGTH]}
    digits = "".join(ch for ch in folded if ch.isdigit())
    if len(digits) >= 3 and _PHONE_CHARS.fullmatch(folded):
        # A name can look like a number ("911", "555-0100" for a caller who gave none).
        if mode != "equals":
            yield _name_prefix(), _prefix_params(folded)
        key = parse_phone(query, region).digits_key
        if len(key) >= 7 or mode == "equals":
            whole = mode == "equals" or len(key) == CALLER_ID_KEY_DIGITS
            yield _phone_suffix(whole=whole), {"key": key, "key_high": key + _HIGH}
        if mode != "equals":
            yield _terms(1), _term_params([FIELD_MARK + digits])  # numbers starting so
        if mode == "contains":
            yield _contains_tier([digits], fts=conn.dialect.name == "sqlite")
        return
    field = FIELD_MARK + folded
    if mode == "equals":
        yield _terms(1, exact=True), _term_params([field], exact=True)
        return
    yield _name_prefix(), _prefix_params(folded)
    yield _terms(1), _term_params([field])
    if mode != "contains":
        return
    words = _WORD.findall(folded)
    if words:
        ranked = _rarest_first(conn, words)
        yield _terms(len(ranked)), _term_params(ranked)
    # Anywhere inside a word needs three letters (a trigram); shorter words match word
    # starts only: a scan of every record would cost more than it finds.
    if any(len(word) >= 3 for word in words) or not words:
        yield _contains_tier(words or [folded], fts=conn.dialect.name == "sqlite")


@cache
def _shown(tier: Select[Any], show: Show) -> Select[Any]:
    """``tier`` limited to the nodes the quick filter's Show choice lets through."""
    return _visible(tier, show).limit(bindparam("limit", type_=Integer))


def _visible(stmt: Select[Any], show: Show) -> Select[Any]:
    """Only the nodes the quick filter's Show choice lets through."""
    if show == "active":
        return stmt.where(N.c.is_active.is_(True))
    if show == "inactive":
        return stmt.where(N.c.is_active.is_(False))
    if show == "prospects":
        prospects = select(ROOT.c.id).where(
            ROOT.c.parent_id.is_(None), ROOT.c.is_prospect.is_(True)
        )
        return stmt.where(N.c.is_active.is_(True), N.c.customer_id.in_(prospects))
    return stmt


@cache
def _by_name() -> Select[Any]:
    return select(*_ROW).where(N.c.sort_key == bindparam("name", type_=String))


@cache
def _name_prefix() -> Select[Any]:
    low, high = bindparam("low", type_=String), bindparam("high", type_=String)
    return select(*_ROW).where(N.c.sort_key >= low, N.c.sort_key < high).order_by(N.c.sort_key)


def _prefix_params(folded: str) -> dict[str, str]:
    return {"low": folded, "high": folded + _HIGH}


def _term_match(terms: Any, number: int, *, exact: bool = False) -> ColumnElement[bool]:
    """``terms``' term is word ``number`` of the parameters (``exact``), or starts with it."""
    word = bindparam(f"w{number}", type_=String)
    if exact:
        return terms.c.term == word
    return and_(terms.c.term >= word, terms.c.term < bindparam(f"w{number}_high", type_=String))


def _term_params(words: Sequence[str], *, exact: bool = False) -> dict[str, str]:
    params = {}
    for number, word in enumerate(words):
        params[f"w{number}"] = word[:TERM_LENGTH]
        if not exact:
            params[f"w{number}_high"] = word[:TERM_LENGTH] + _HIGH
    return params


@cache
def _term_count(cap: int) -> Select[Any]:
    some = select(TERMS.c.node_id).where(_term_match(TERMS, 0)).limit(cap)
    return select(func.count()).select_from(some.subquery())


def _rarest_first(conn: Connection, words: Sequence[str]) -> list[str]:
    """``words``, those starting the fewest terms first, counted through the index: each
    up to the first of `_RANK_ROUNDS`; when every word reaches it, each is counted again
    up to the fewest found so far (a word that reaches that many cannot be the rarest),
    the first up to the second round's cap. A common word ("example" of an e-mail's domain, a
    big city) must not drive the search while a rarer one (the person's name) is there."""
    distinct = sorted(set(words), key=len, reverse=True)
    if len(distinct) < 2:
        return distinct
    first, further = _RANK_ROUNDS
    counts = {word: _count(conn, word, first) for word in distinct}
    # A word under the first count is rarer than every word that reached it: counting
    # those further would only cost. All of them reaching it: count on.
    if all(count >= first for count in counts.values()):
        fewest = further
        for word in distinct:
            counts[word] = _count(conn, word, fewest)
            fewest = min(fewest, counts[word])
    return sorted(distinct, key=lambda word: (counts[word], -len(word)))


def _count(conn: Connection, word: str, cap: int) -> int:
    return int(conn.execute(_term_count(cap), _term_params([word])).scalar() or 0)


@cache
def _terms(count: int, *, exact: bool = False) -> Select[Any]:
    """Nodes having, for each of ``count`` words, a term equal to it or starting with it;
    the first word drives (see `_rarest_first`), the others filter what it finds."""
    stmt = (
        select(*_ROW)
        .select_from(TERMS)
        .join(N, N.c.id == TERMS.c.node_id)
        .where(_term_match(TERMS, 0, exact=exact))
        .order_by(TERMS.c.term)
    )
    for number in range(1, count):
        other = TERMS.alias()
        matches = _term_match(other, number, exact=exact)
        stmt = stmt.where(exists().where(other.c.node_id == TERMS.c.node_id, matches))
    return stmt


def _contains_tier(words: Sequence[str], *, fts: bool) -> Tier:
    """Nodes whose text contains every word: through FTS5's trigrams (``fts``) for three
    letters or more, else LIKE (which pg_trgm's index serves on a server)."""
    long = [w for w in words if len(w) >= 3] if fts else []
    short = [w for w in words if len(w) < 3] if fts else list(words)
    params: dict[str, str] = {}
    if long:
        params["phrase"] = " AND ".join('"' + w.replace('"', '""') + '"' for w in long)
    for number, word in enumerate(short):
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params[f"like{number}"] = f"%{escaped}%"
    return _contains(bool(long), len(short)), params


@cache
def _contains(matched: bool, likes: int) -> Select[Any]:
    fts = table(FTS_TABLE, column("rowid", Integer), column("body"))
    stmt = select(*_ROW).select_from(fts).join(N, N.c.id == fts.c.rowid)
    if matched:
        phrase = bindparam("phrase", type_=String)
        stmt = stmt.where(literal_column(FTS_TABLE).op("MATCH")(phrase))
    for number in range(likes):
        stmt = stmt.where(fts.c.body.like(bindparam(f"like{number}", type_=String), escape="\\"))
    return stmt


@cache
def _phone_suffix(*, whole: bool) -> Select[Any]:
    """Nodes (and nodes of contacts) with a number ending in the digits ``:key``, by index.

    ``key`` is a phone's ``digits_key``: its last ten digits reversed, so "ends with" is
    an index range; ``whole``: the number is the whole key.
    """
    key = bindparam("key", type_=String)
    if whole:
        match: ColumnElement[bool] = PHONES.c.digits_key == key
    else:
        match = and_(
            PHONES.c.digits_key >= key, PHONES.c.digits_key < bindparam("key_high", type_=String)
        )
    owner = func.coalesce(PHONES.c.owner_id, CONTACTS.c.owner_id)
    return (
        select(*_ROW)
        .select_from(PHONES)
        .outerjoin(CONTACTS, CONTACTS.c.id == PHONES.c.contact_id)
        .join(N, N.c.id == owner)
        .where(match)
    )
