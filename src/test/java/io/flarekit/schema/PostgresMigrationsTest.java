package io.flarekit.schema;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.flarekit.core.model.UtcTimestampConverter;
import io.flarekit.core.testentities.Article;
import io.flarekit.core.testentities.Note;
import io.flarekit.core.testentities.Tag;
import io.flarekit.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The project's PostgreSQL migrations, applied by Flyway from the classpath as the
 * service applies them, to an empty PostgreSQL: the result is exactly the entities'
 * schema, its partial expression index behaves as on SQLite, and its timestamp default
 * writes the converter's shape.
 */
class PostgresMigrationsTest {

	JdbcTemplate db;

	Vendor postgres = MigrationCommands.postgres();

	@BeforeEach
	void migrate() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(TestPostgres.newDatabase("project"),
				TestPostgres.user(), TestPostgres.password());
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/postgresql").load().migrate();
		this.db = new JdbcTemplate(dataSource);
	}

	/**
	 * The test entities' tables come from the tests' R__test_entities.sql beside them.
	 */
	@Test
	void theMigrationsGiveExactlyTheEntitiesSchema() throws Exception {
		List<Class<?>> entities = new ArrayList<>(MigrationTool.applicationEntities());
		entities.addAll(List.of(Article.class, Note.class, Tag.class));
		Schema target = this.postgres.target(EntitySchemaReader.readWithRenames(entities, this.postgres).schema());
		try (Connection connection = this.db.getDataSource().getConnection()) {
			Schema actual = this.postgres.read(connection);
			assertThat(actual.differencesFrom(target)).isEmpty();
			assertThat(actual.tables()).containsKeys("users", "storage", "storage_info", "api_keys");
		}
	}

	@Test
	void emailsAreUniqueIgnoringCaseAmongLiveUsersOnly() {
		insertUser("u1", "Ada@Example.com");
		assertThatThrownBy(() -> insertUser("u2", "ada@example.COM")).isInstanceOf(DuplicateKeyException.class)
			.hasMessageContaining("ux_users_email");
		this.db.update("update users set deleted_at = ? where id = 'u1'", "2026-11-29 05:00:00.000");
		insertUser("u2", "ada@example.COM");
		assertThatThrownBy(() -> insertUser("u3", "ADA@EXAMPLE.COM")).isInstanceOf(DuplicateKeyException.class);
		assertThat(this.db.queryForObject("select count(*) from users", Integer.class)).isEqualTo(2);
	}

	@Test
	void aRowInsertedByPlainSqlGetsACreationTimeInTheConvertersShape() {
		Instant before = Instant.now().minusSeconds(1);
		insertUser("u1", "ada@example.com");
		String stored = this.db.queryForObject("select created_at from users where id = 'u1'", String.class);
		assertThat(stored).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
		UtcTimestampConverter converter = new UtcTimestampConverter();
		Instant read = converter.convertToEntityAttribute(stored);
		assertThat(converter.convertToDatabaseColumn(read)).as("written back the same").isEqualTo(stored);
		assertThat(read).isBetween(before, Instant.now().plusSeconds(1));
	}

	private void insertUser(String id, String email) {
		this.db.update("insert into users (id, email, name) values (?, ?, 'A')", id, email);
	}

}
