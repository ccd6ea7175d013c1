//! The one way storage reaches a database, whatever the engine: [`Conn`], a connection (or
//! a transaction on it) that runs SQL text with [`Param`]s and hands back [`Row`]s. SQLite
//! (`rusqlite`) and PostgreSQL (`postgres`) each implement it once, so every operation in
//! `accounts.rs`, `aliases.rs` and `rooms.rs` is written once, as plain synchronous code,
//! and runs on a database thread, never on the async workers.
//!
//! SQL is written once too: portable statements with `$1`-style parameters. PostgreSQL
//! reads `$N` as the N-th parameter; SQLite reads `$N` as a parameter *named* `$N`,
//! numbered by first appearance, so binding by position would bind silently wrong values
//! to a statement using `$2` before `$1`. On SQLite the N-th value is therefore bound by
//! that name ([`bind_numbered`]), which gives `$N` PostgreSQL's meaning.

use std::fmt;

/// What failed talking to the database.
#[derive(Debug)]
pub enum DbError {
    Sqlite(rusqlite::Error),
    Postgres(postgres::Error),
    /// No connection could be had (the pool timed out or the database is unreachable).
    Pool(r2d2::Error),
    /// A value did not have the type or shape the code expects.
    Decode(String),
    /// The work panicked (a bug); what it wrote was undone.
    Panicked,
    /// The write was not run: its batch failed before reaching it.
    NotRun,
    /// The write ran, but its batch did not commit (why, in words): nothing of it stays.
    NotCommitted(String),
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbError::Sqlite(e) => write!(f, "SQLite: {e}"),
            DbError::Postgres(e) => write!(f, "PostgreSQL: {e}"),
            DbError::Pool(e) => write!(f, "no database connection: {e}"),
            DbError::Decode(what) => write!(f, "unexpected stored value: {what}"),
            DbError::Panicked => f.write_str("a database operation panicked"),
            DbError::NotRun => f.write_str("the write was not run: its batch failed first"),
            DbError::NotCommitted(why) => write!(f, "the write did not commit: {why}"),
        }
    }
}

impl std::error::Error for DbError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DbError::Sqlite(e) => Some(e),
            DbError::Postgres(e) => Some(e),
            DbError::Pool(e) => Some(e),
            DbError::Decode(_) | DbError::Panicked | DbError::NotRun | DbError::NotCommitted(_) => {
                None
            }
        }
    }
}

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        DbError::Sqlite(e)
    }
}

impl From<postgres::Error> for DbError {
    fn from(e: postgres::Error) -> Self {
        DbError::Postgres(e)
    }
}

impl From<r2d2::Error> for DbError {
    fn from(e: r2d2::Error) -> Self {
        DbError::Pool(e)
    }
}

impl From<serde_json::Error> for DbError {
    fn from(e: serde_json::Error) -> Self {
        DbError::Decode(e.to_string())
    }
}

/// A parameter of a statement: the four column types the schema uses.
#[derive(Debug, Clone, Copy)]
pub enum Param<'a> {
    Text(Option<&'a str>),
    Int(i64),
    Bytes(&'a [u8]),
}

impl<'a> From<&'a str> for Param<'a> {
    fn from(text: &'a str) -> Self {
        Param::Text(Some(text))
    }
}

impl<'a> From<&'a String> for Param<'a> {
    fn from(text: &'a String) -> Self {
        Param::Text(Some(text))
    }
}

impl<'a> From<Option<&'a str>> for Param<'a> {
    fn from(text: Option<&'a str>) -> Self {
        Param::Text(text)
    }
}

impl From<i64> for Param<'_> {
    fn from(number: i64) -> Self {
        Param::Int(number)
    }
}

impl<'a> From<&'a [u8]> for Param<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Param::Bytes(bytes)
    }
}

/// `[Param, ...]` from values of the types above.
macro_rules! params {
    ($($value:expr),* $(,)?) => {
        &[$($crate::storage::db::Param::from($value)),*]
    };
}
pub(crate) use params;

/// Which engine a connection belongs to: for the one statement only PostgreSQL runs (the
/// room's row lock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineKind {
    Sqlite,
    Postgres,
}

/// One row of a result, read by column index.
pub enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a postgres::Row),
}

impl Row<'_> {
    pub fn str(&self, index: usize) -> Result<&str, DbError> {
        self.opt_str(index)?
            .ok_or_else(|| DbError::Decode(format!("column {index} is NULL")))
    }

    pub fn opt_str(&self, index: usize) -> Result<Option<&str>, DbError> {
        match self {
            Row::Sqlite(row) => match row.get_ref(index)? {
                rusqlite::types::ValueRef::Null => Ok(None),
                value => Ok(Some(value.as_str().map_err(rusqlite::Error::from)?)),
            },
            Row::Postgres(row) => Ok(row.try_get(index)?),
        }
    }

    pub fn string(&self, index: usize) -> Result<String, DbError> {
        self.str(index).map(str::to_string)
    }

    pub fn opt_string(&self, index: usize) -> Result<Option<String>, DbError> {
        Ok(self.opt_str(index)?.map(str::to_string))
    }

    pub fn int(&self, index: usize) -> Result<i64, DbError> {
        match self {
            Row::Sqlite(row) => Ok(row.get(index)?),
            Row::Postgres(row) => Ok(row.try_get(index)?),
        }
    }

    pub fn opt_int(&self, index: usize) -> Result<Option<i64>, DbError> {
        match self {
            Row::Sqlite(row) => Ok(row.get(index)?),
            Row::Postgres(row) => Ok(row.try_get(index)?),
        }
    }

    pub fn bytes(&self, index: usize) -> Result<Vec<u8>, DbError> {
        match self {
            Row::Sqlite(row) => Ok(row.get(index)?),
            Row::Postgres(row) => Ok(row.try_get(index)?),
        }
    }
}

/// A connection, inside whatever transaction its caller opened.
pub trait Conn {
    fn engine(&self) -> EngineKind;

    /// Runs `sql`, calling `each` with every row in order; `each` may stop the run with an
    /// error.
    fn query_each(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(&Row<'_>) -> Result<(), DbError>,
    ) -> Result<(), DbError>;

    /// Runs a statement that returns no rows; returns how many rows it changed.
    fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64, DbError>;

    /// Runs `insert`, a plain `INSERT` of one row (no upsert, no `OR IGNORE`) into a table
    /// whose key `key` the database assigns (`INTEGER PRIMARY KEY` on SQLite, where it is
    /// the rowid; an identity or serial column on PostgreSQL), and returns the key it
    /// assigned. Anything but exactly one row inserted is an error.
    fn insert_returning_key(
        &mut self,
        insert: &str,
        key: &'static str,
        params: &[Param<'_>],
    ) -> Result<i64, DbError>;
}

impl dyn Conn + '_ {
    /// Every row, each turned into a `T` by `read`.
    pub fn query<T>(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        mut read: impl FnMut(&Row<'_>) -> Result<T, DbError>,
    ) -> Result<Vec<T>, DbError> {
        let mut rows = Vec::new();
        self.query_each(sql, params, &mut |row| {
            rows.push(read(row)?);
            Ok(())
        })?;
        Ok(rows)
    }

    /// The first row, if any.
    pub fn query_opt<T>(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        read: impl FnMut(&Row<'_>) -> Result<T, DbError>,
    ) -> Result<Option<T>, DbError> {
        Ok(self.query(sql, params, read)?.into_iter().next())
    }

    /// The one row a statement must return.
    pub fn query_one<T>(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        read: impl FnMut(&Row<'_>) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        self.query_opt(sql, params, read)?
            .ok_or_else(|| DbError::Decode(format!("no row from `{}`", first_line(sql))))
    }
}

/// The first line of a statement, to name it in an error.
pub(super) fn first_line(sql: &str) -> &str {
    sql.trim().lines().next().unwrap_or_default()
}

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match *self {
            Param::Text(Some(text)) => ValueRef::Text(text.as_bytes()),
            Param::Text(None) => ValueRef::Null,
            Param::Int(number) => ValueRef::Integer(number),
            Param::Bytes(bytes) => ValueRef::Blob(bytes),
        }))
    }
}

impl postgres::types::ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            Param::Text(text) => text.to_sql(ty, out),
            Param::Int(number) => number.to_sql(ty, out),
            Param::Bytes(bytes) => bytes.to_sql(ty, out),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        // Checked per value in `to_sql_checked`, where the variant is known.
        true
    }

    fn to_sql_checked(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            Param::Text(text) => text.to_sql_checked(ty, out),
            Param::Int(number) => number.to_sql_checked(ty, out),
            Param::Bytes(bytes) => bytes.to_sql_checked(ty, out),
        }
    }
}

/// Binds `params` to `statement`, the N-th to the parameter named `$N`; refuses a count
/// that differs from the statement's.
fn bind_numbered(
    statement: &mut rusqlite::Statement<'_>,
    params: &[Param<'_>],
) -> Result<(), DbError> {
    const NAMES: [&str; 12] = [
        "$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9", "$10", "$11", "$12",
    ];
    if statement.parameter_count() != params.len() {
        return Err(rusqlite::Error::InvalidParameterCount(
            params.len(),
            statement.parameter_count(),
        )
        .into());
    }
    for (index, param) in params.iter().enumerate() {
        let named;
        let name = match NAMES.get(index) {
            Some(name) => *name,
            None => {
                named = format!("${}", index + 1);
                named.as_str()
            }
        };
        statement.raw_bind_parameter(name, param)?;
    }
    Ok(())
}

impl Conn for rusqlite::Connection {
    fn engine(&self) -> EngineKind {
        EngineKind::Sqlite
    }

    fn query_each(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(&Row<'_>) -> Result<(), DbError>,
    ) -> Result<(), DbError> {
        let mut statement = self.prepare_cached(sql)?;
        bind_numbered(&mut statement, params)?;
        let mut rows = statement.raw_query();
        while let Some(row) = rows.next()? {
            each(&Row::Sqlite(row))?;
        }
        Ok(())
    }

    fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64, DbError> {
        let mut statement = self.prepare_cached(sql)?;
        bind_numbered(&mut statement, params)?;
        Ok(statement.raw_execute()? as u64)
    }

    /// The key is the row's rowid (`key` is its `INTEGER PRIMARY KEY`), known once the row
    /// is in. Not `RETURNING`: SQLite gathers the rows it returns into a temporary table it
    /// builds for each statement.
    fn insert_returning_key(
        &mut self,
        insert: &str,
        _key: &'static str,
        params: &[Param<'_>],
    ) -> Result<i64, DbError> {
        match Conn::execute(self, insert, params)? {
            1 => Ok(self.last_insert_rowid()),
            rows => Err(DbError::Decode(format!(
                "`{}` inserted {rows} rows, not one",
                first_line(insert)
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_bind_by_number_on_sqlite_whatever_their_order() {
        let mut connection = rusqlite::Connection::open_in_memory().unwrap();
        let db: &mut dyn Conn = &mut connection;
        let text = db
            .query_opt(
                "SELECT $2 || '-' || $1 || '-$1-' || $2",
                params!["one", "two"],
                |row| row.string(0),
            )
            .unwrap();
        assert_eq!(text.as_deref(), Some("two-one-$1-two"));
    }

    #[test]
    fn an_insert_returns_the_key_sqlite_assigned() {
        let mut connection = rusqlite::Connection::open_in_memory().unwrap();
        connection
            .execute_batch("CREATE TABLE t (k INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)")
            .unwrap();
        let db: &mut dyn Conn = &mut connection;
        let insert = "INSERT INTO t (v) VALUES ($1)";
        let first = db.insert_returning_key(insert, "k", params!["a"]).unwrap();
        let second = db.insert_returning_key(insert, "k", params!["b"]).unwrap();
        assert_eq!((first, second), (1, 2));
        let stored = db
            .query_one("SELECT v FROM t WHERE k = $1", params![second], |row| {
                row.string(0)
            })
            .unwrap();
        assert_eq!(stored, "b");
        let none =
            db.insert_returning_key("INSERT INTO t (v) SELECT $1 WHERE 0", "k", params!["c"]);
        assert!(none.is_err(), "{none:?}");
    }

    #[test]
    fn a_quoted_dollar_is_no_parameter_and_counts_must_match() {
        let mut connection = rusqlite::Connection::open_in_memory().unwrap();
        let db: &mut dyn Conn = &mut connection;
        let text = db
            .query_opt(
                "SELECT json_extract('{\"a\":1}', '$.a') || \"$1\" FROM (SELECT 'x' AS \"$1\") WHERE $1 = 'y'",
                params!["y"],
                |row| row.string(0),
            )
            .unwrap();
        assert_eq!(text.as_deref(), Some("1x"));
        let too_few = db.query_opt("SELECT $2 || $1", params!["a"], |row| row.string(0));
        assert!(too_few.is_err(), "{too_few:?}");
        let too_many = db.query_opt("SELECT $2 || $1", params!["a", "b", "c"], |row| {
            row.string(0)
        });
        assert!(too_many.is_err(), "{too_many:?}");
    }
}
