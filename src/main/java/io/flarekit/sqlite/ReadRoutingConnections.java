package io.flarekit.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The writer's connection unless the work is read-only: a read-only transaction (Spring
 * marks its connection read-only) or a read-only scope without a transaction, whose
 * single statement then runs on a reader in autocommit, with no {@code BEGIN} and
 * {@code COMMIT} around it and without waiting for the one writer. The connection is
 * fetched only when the first statement is sent.
 */
final class ReadRoutingConnections extends LazyConnectionDataSourceProxy {

	ReadRoutingConnections(DataSource writer, DataSource readers) {
		super(writer);
		setReadOnlyDataSource(readers);
	}

	@Override
	public Connection getConnection() throws SQLException {
		Connection connection = super.getConnection();
		if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()
				&& !TransactionSynchronizationManager.isActualTransactionActive()) {
			connection.setReadOnly(true);
		}
		return connection;
	}

}
