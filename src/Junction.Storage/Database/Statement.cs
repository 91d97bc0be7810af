using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Junction.Storage.Database;

/// <summary>
/// A prepared statement bound and stepped through SQLite's own API, for the few hot inserts where ADO.NET's
/// per-execution objects show up in a profile. Parameters are positional (<c>?1</c>, <c>?2</c>, ...); text and blobs
/// are copied by SQLite when bound, so the caller's buffers may change afterwards. Runs on the connection's thread
/// inside whatever transaction the connection has open.
/// </summary>
internal sealed class Statement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    private Statement(sqlite3 db, sqlite3_stmt stmt)
    {
        _db = db;
        _stmt = stmt;
    }

    public static Statement Prepare(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var stmt));
        return new Statement(db, stmt);
    }

    // An empty span reaches SQLite as a null pointer, which it binds as NULL: empty text and blobs take the paths
    // that bind an empty value.
    public void Text(int index, string? value) => Check(
        value is null ? raw.sqlite3_bind_null(_stmt, index)
        : value.Length == 0 ? raw.sqlite3_bind_text(_stmt, index, string.Empty)
        : raw.sqlite3_bind_text16(_stmt, index, value.AsSpan()));

    public void Utf8(int index, ReadOnlySpan<byte> value) =>
        Check(value.IsEmpty ? raw.sqlite3_bind_text(_stmt, index, string.Empty) : raw.sqlite3_bind_text(_stmt, index, value));

    public void Integer(int index, long? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    public void Real(int index, double? value) =>
        Check(value is { } v ? raw.sqlite3_bind_double(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    public void Blob(int index, ReadOnlySpan<byte> value) =>
        Check(value.IsEmpty ? raw.sqlite3_bind_zeroblob(_stmt, index, 0) : raw.sqlite3_bind_blob(_stmt, index, value));

    public void Blob(int index, ReadOnlyMemory<byte>? value)
    {
        if (value is { } v)
        {
            Blob(index, v.Span);
        }
        else
        {
            Null(index);
        }
    }

    public void Null(int index) => Check(raw.sqlite3_bind_null(_stmt, index));

    /// <summary>Runs a statement that returns no row.</summary>
    public void Step()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
    }

    /// <summary>Runs a statement that returns at most one row of one integer (<c>RETURNING</c>); null when it returned none.</summary>
    public long? StepForInteger()
    {
        var rc = raw.sqlite3_step(_stmt);
        long? value = rc == raw.SQLITE_ROW ? raw.sqlite3_column_int64(_stmt, 0) : null;
        if (rc == raw.SQLITE_ROW)
        {
            // RETURNING rows are all computed by the first step; the second finishes the statement.
            rc = raw.sqlite3_step(_stmt);
        }

        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return value;
    }

    public void Dispose() => _stmt.Dispose();

    private void Check(int rc) => Check(_db, rc);

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
