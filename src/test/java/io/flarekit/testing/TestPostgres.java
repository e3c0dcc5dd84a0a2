package io.flarekit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for the tests, from the binaries on Maven Central: no Docker
 * and nothing to install. One server per JVM, started on first use and stopped when the
 * JVM exits; each caller gets a database of its own on it, so tests never see each
 * other's rows.
 */
public final class TestPostgres {

	private static EmbeddedPostgres server;

	private TestPostgres() {
	}

	/**
	 * Creates an empty database on the shared server.
	 * @param purpose a word for the database's name, to tell them apart in logs
	 * @return its JDBC URL; user and password are both {@code postgres}
	 */
	public static synchronized String newDatabase(String purpose) {
		String name = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
				+ UUID.randomUUID().toString().substring(0, 8);
		try (Connection connection = server().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name + " template template0 encoding 'UTF8'");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the test database " + name, ex);
		}
		return server().getJdbcUrl("postgres", name);
	}

	/** The user of every test database. */
	public static String user() {
		return "postgres";
	}

	/** The password of every test database. */
	public static String password() {
		return "postgres";
	}

	private static EmbeddedPostgres server() {
		if (server == null) {
			try {
				EmbeddedPostgres started = EmbeddedPostgres.builder().start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						started.close();
					}
					catch (IOException ex) {
						// the JVM is going; the server's folder is temporary
					}
				}));
				server = started;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start the test PostgreSQL", ex);
			}
		}
		return server;
	}

}
