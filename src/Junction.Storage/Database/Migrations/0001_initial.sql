-- Junction embedded store, schema version 1.
-- Money is kept as INTEGER nano-USD (1e-9 USD) so sums are exact; times are INTEGER Unix milliseconds (UTC).

CREATE TABLE tenants (
    id                    TEXT    NOT NULL PRIMARY KEY,
    name                  TEXT    NOT NULL,
    plan                  TEXT,
    region                TEXT,
    data_class            TEXT,
    policy_json           TEXT,
    default_strategy      TEXT,
    default_max_cost_nusd INTEGER,
    daily_budget_nusd     INTEGER,
    monthly_budget_nusd   INTEGER,
    requests_per_minute   INTEGER,
    tokens_per_minute     INTEGER,
    logging_mode          TEXT    NOT NULL CHECK (logging_mode IN ('full', 'metadata')),
    tags_json             TEXT    NOT NULL DEFAULT '[]',
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    version               INTEGER NOT NULL
) STRICT;

CREATE TABLE provider_credentials (
    tenant_id   TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    provider_id TEXT    NOT NULL,
    ciphertext  BLOB    NOT NULL,
    last4       TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, provider_id)
) STRICT;

CREATE TABLE api_keys (
    id                  TEXT    NOT NULL PRIMARY KEY,
    tenant_id           TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name                TEXT    NOT NULL,
    prefix              TEXT    NOT NULL,
    key_hash            TEXT    NOT NULL UNIQUE,
    role                TEXT    NOT NULL CHECK (role IN ('admin', 'tenant_admin', 'member', 'viewer')),
    policy_json         TEXT,
    daily_budget_nusd   INTEGER,
    monthly_budget_nusd INTEGER,
    requests_per_minute INTEGER,
    tokens_per_minute   INTEGER,
    allowed_tenants     TEXT    NOT NULL DEFAULT '[]',
    expires_at          INTEGER,
    revoked_at          INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    version             INTEGER NOT NULL
) STRICT;

CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

-- Settled spend per scope and UTC day; the budget ledger adds to it write-behind and reloads it at start.
CREATE TABLE budget_spend (
    scope_kind TEXT    NOT NULL CHECK (scope_kind IN ('tenant', 'key')),
    scope_id   TEXT    NOT NULL,
    day        TEXT    NOT NULL,
    spent_nusd INTEGER NOT NULL,
    PRIMARY KEY (scope_kind, scope_id, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE request_log (
    seq                INTEGER NOT NULL PRIMARY KEY,
    id                 TEXT    NOT NULL UNIQUE,
    tenant_id          TEXT    NOT NULL,
    key_id             TEXT,
    created_at         INTEGER NOT NULL,
    tags_json          TEXT    NOT NULL DEFAULT '[]',
    surface            TEXT    NOT NULL,
    policy_fingerprint TEXT,
    model              TEXT,
    provider           TEXT,
    attempts_json      TEXT,
    status             TEXT    NOT NULL,
    http_status        INTEGER NOT NULL,
    error_kind         TEXT,
    prompt_tokens      INTEGER NOT NULL,
    completion_tokens  INTEGER NOT NULL,
    cached_tokens      INTEGER NOT NULL,
    estimated_cost_nusd INTEGER,
    actual_cost_nusd   INTEGER,
    latency_ms         REAL,
    ttft_ms            REAL,
    denial_reason      TEXT,
    trace_id           TEXT
) STRICT;

CREATE INDEX request_log_tenant_time ON request_log (tenant_id, created_at DESC, seq DESC);
CREATE INDEX request_log_time ON request_log (created_at);

-- Large, optional parts of a request record, apart so scans of the log stay narrow.
CREATE TABLE request_log_payloads (
    request_seq   INTEGER NOT NULL PRIMARY KEY REFERENCES request_log (seq) ON DELETE CASCADE,
    trace_json    TEXT,  -- UTF-8 JSON of the routing trace
    request_body  BLOB,
    response_body BLOB
) STRICT;

-- Hash-chained: hash = SHA-256(prev_hash || canonical row), prev_hash of row 1 = 32 zero bytes; ids are contiguous.
CREATE TABLE audit_log (
    id           INTEGER NOT NULL PRIMARY KEY,
    at           INTEGER NOT NULL,
    tenant_id    TEXT,
    actor_key_id TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    target       TEXT    NOT NULL,
    before_json  TEXT,
    after_json   TEXT,
    prev_hash    BLOB    NOT NULL,
    hash         BLOB    NOT NULL
) STRICT;

CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id);

-- The last row of the chain, written in the same transaction as the row: deleting rows off the end shows.
CREATE TABLE audit_head (
    singleton INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
    last_id   INTEGER NOT NULL,
    last_hash BLOB    NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
