-- A trace lists every rejected model with its rule and layer. When only a policy's static rules rejected anything,
-- that list is the same for every request on the same policy and catalog snapshot, so it is stored once here,
-- named by a hash of its JSON, and a payload row names it instead of carrying it (see docs/decisions.md, 13).
CREATE TABLE trace_rejection_sets (
    id              TEXT PRIMARY KEY,  -- rs_ + 32 hex digits of the SHA-256 of the JSON array
    rejected_brotli BLOB NOT NULL,     -- the trace's "rejected" array, UTF-8 JSON, Brotli-compressed
    created_at      INTEGER NOT NULL   -- the time of the first request stored with it (Unix ms)
);

ALTER TABLE request_log_payloads ADD COLUMN rejection_set TEXT;

-- The pruner deletes sets no payload names any more.
CREATE INDEX request_log_payloads_rejection_set ON request_log_payloads (rejection_set) WHERE rejection_set IS NOT NULL;
