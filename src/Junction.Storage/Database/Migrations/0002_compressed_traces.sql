-- Traces are kept Brotli-compressed: a trace lists every rejected model with its rule, so it runs to about 10 KB of
-- very repetitive JSON on a 42-model catalog (and grows with the catalog) and compresses about eight to one. Rows
-- written before this step keep their trace in trace_json; a row has one or the other.
ALTER TABLE request_log_payloads ADD COLUMN trace_brotli BLOB;
