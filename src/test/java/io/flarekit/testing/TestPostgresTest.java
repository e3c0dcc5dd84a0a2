package io.flarekit.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestPostgresTest {

	@Test
	void givesEachCallerAnEmptyDatabaseOfItsOwn() throws Exception {
		String first = TestPostgres.newDatabase("first");
		String second = TestPostgres.newDatabase("second");
		assertThat(first).isNotEqualTo(second);
		try (Connection connection = DriverManager.getConnection(first, TestPostgres.user(), TestPostgres.password());
				Statement statement = connection.createStatement()) {
			statement.execute("create table t (x int)");
			ResultSet version = statement.executeQuery("show server_version");
			version.next();
			assertThat(version.getString(1)).startsWith("17.");
		}
		try (Connection connection = DriverManager.getConnection(second, TestPostgres.user(), TestPostgres.password());
				ResultSet tables = connection.getMetaData().getTables(null, "public", "t", null)) {
			assertThat(tables.next()).isFalse();
		}
	}

}
