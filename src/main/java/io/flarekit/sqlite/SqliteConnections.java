package io.flarekit.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;

import io.flarekit.core.query.CaseFolding;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * SQLite connections whose rollback also works after SQLite has rolled the transaction
 * back by itself, as it may on {@code SQLITE_FULL} (a full disk) or an I/O error. SQLite
 * then answers {@code ROLLBACK} with "cannot rollback - no transaction is active", and
 * its documentation says to ignore that; sqlite-jdbc does not, so the failed rollback
 * replaced the real error (a full disk became an unexplained 500) and left the connection
 * without the transaction it expects to have open.
 * <p>
 * Each connection also gets {@link LowerCase}, the lower case that searches use.
 */
final class SqliteConnections extends SQLiteDataSource {

	private static final String PREFIX = "jdbc:sqlite:";

	private final int statementCacheSize;

	SqliteConnections(SQLiteConfig config, int statementCacheSize) {
		super(config);
		this.statementCacheSize = statementCacheSize;
	}

	@Override
	public SQLiteConnection getConnection(String username, String password) throws SQLException {
		SQLiteConnection connection = new TolerantRollback(getUrl(), getConfig().toProperties(),
				this.statementCacheSize);
		Function.create(connection, LowerCase.NAME, new LowerCase(), 1, Function.FLAG_DETERMINISTIC);
		return connection;
	}

	/**
	 * {@code flarekit_lower(text)}: lower case of every letter, as
	 * {@link CaseFolding#lowerCase(String)} makes it; SQLite's own {@code lower()} folds
	 * ASCII only, so a search for "é" would miss "É".
	 */
	static final class LowerCase extends Function {

		static final String NAME = "flarekit_lower";

		private static final int NULL = 5;

		@Override
		protected void xFunc() throws SQLException {
			if (value_type(0) == NULL) {
				result();
			}
			else {
				result(CaseFolding.lowerCase(value_text(0)));
			}
		}

	}

	private static final class TolerantRollback extends JDBC4Connection {

		private final StatementCache statements;

		TolerantRollback(String url, Properties properties, int statementCacheSize) throws SQLException {
			super(url, url.substring(PREFIX.length()), properties);
			this.statements = new StatementCache(this, statementCacheSize);
		}

		@Override
		public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
				throws SQLException {
			checkOpen();
			checkCursor(type, concurrency, holdability);
			return this.statements.prepare(sql);
		}

		@Override
		public void close() throws SQLException {
			this.statements.clear();
			super.close();
		}

		@Override
		public void rollback() throws SQLException {
			try {
				super.rollback();
			}
			catch (SQLiteException ex) {
				if (ex.getResultCode() != SQLiteErrorCode.SQLITE_ERROR || ex.getMessage() == null
						|| !ex.getMessage().contains("no transaction is active")) {
					throw ex;
				}
				// Already rolled back: open the next transaction, as rollback() does
				getDatabase().exec(transactionPrefix(), false);
				setFirstStatementExecuted(false);
				setCurrentTransactionMode(getConnectionConfig().getTransactionMode());
			}
		}

	}

}
