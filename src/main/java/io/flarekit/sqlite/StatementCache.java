package io.flarekit.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;
import org.sqlite.jdbc4.JDBC4PreparedStatement;

/**
 * The prepared statements of one SQLite connection, kept for the next time the same SQL
 * is prepared on it. sqlite-jdbc compiles the SQL anew for every {@code prepareStatement}
 * and throws the compiled program away on {@code close}, and neither Hibernate nor Hikari
 * keeps statements: under load the compiling was a tenth of a point read's CPU
 * (docs/benchmarks.md). A statement is handed to one caller at a time (taken out while in
 * use, put back on close), reset and unbound when put back, so it holds no read snapshot
 * and no lock while it waits. SQLite compiles a kept statement again by itself when the
 * schema has changed since.
 */
final class StatementCache {

	private final SQLiteConnection connection;

	private final Map<String, Kept> idle;

	/**
	 * @param connection the connection whose statements are kept
	 * @param size how many idle statements to keep, the least recently used dropped
	 * first; 0 keeps none
	 */
	StatementCache(SQLiteConnection connection, int size) {
		this.connection = connection;
		this.idle = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
				if (size() <= size) {
					return false;
				}
				eldest.getValue().discard();
				return true;
			}

		};
	}

	/** A kept statement for the SQL, or a new one that is kept once closed. */
	synchronized JDBC4PreparedStatement prepare(String sql) throws SQLException {
		Kept kept = this.idle.remove(sql);
		if (kept == null) {
			kept = new Kept(this.connection, sql, this);
		}
		kept.lent = true;
		return kept;
	}

	/** Finalizes the idle statements; call before the connection closes. */
	synchronized void clear() {
		List<Kept> statements = new ArrayList<>(this.idle.values());
		this.idle.clear();
		statements.forEach(Kept::discard);
	}

	/**
	 * Whether the statement was kept, or had been already (closed twice); when it was
	 * not, the caller closes it for real.
	 */
	private synchronized boolean putBack(Kept statement) {
		if (!statement.lent) {
			return true;
		}
		statement.lent = false;
		try {
			if (this.connection.isClosed() || statement.isClosed() || this.idle.containsKey(statement.sql())) {
				return false;
			}
			statement.reuse();
		}
		catch (SQLException ex) {
			return false;
		}
		this.idle.put(statement.sql(), statement);
		return true;
	}

	/** A prepared statement whose close puts it back into its cache. */
	private static final class Kept extends JDBC4PreparedStatement {

		private final StatementCache cache;

		/** Whether a caller holds it; guarded by the cache. */
		private boolean lent;

		Kept(SQLiteConnection connection, String sql, StatementCache cache) throws SQLException {
			super(connection, sql);
			this.cache = cache;
		}

		String sql() {
			return this.sql;
		}

		/**
		 * Closes its result sets (an insert's generated keys are one, on a statement of
		 * their own), resets the program and drops the caller's settings.
		 */
		void reuse() throws SQLException {
			clearGeneratedKeys();
			this.rs.close();
			this.pointer.safeRunConsume(DB::reset);
			clearParameters();
			clearBatch();
			setMaxRows(0);
			setQueryTimeout(0);
		}

		@Override
		public void close() throws SQLException {
			if (!this.cache.putBack(this)) {
				super.close();
			}
		}

		void discard() {
			try {
				super.close();
			}
			catch (SQLException ex) {
				// the connection is closing, which finalizes what is left
			}
		}

	}

}
