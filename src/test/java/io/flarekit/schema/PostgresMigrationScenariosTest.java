package io.flarekit.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.flarekit.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scenarios.Scenario;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generator's PostgreSQL migrations on a real PostgreSQL that already holds rows:
 * each scenario generates a migration, applies it with Flyway as the service would, and
 * checks that the database has exactly the entities' schema and still every row. Every
 * change is an {@code ALTER TABLE}; no table is created twice.
 */
class PostgresMigrationScenariosTest {

	@TempDir
	Path root;

	Path migrations;

	JdbcTemplate db;

	Vendor postgres = MigrationCommands.postgres();

	@BeforeEach
	void database() {
		this.migrations = this.root.resolve("postgresql");
		this.db = new JdbcTemplate(new DriverManagerDataSource(TestPostgres.newDatabase("scenario"),
				TestPostgres.user(), TestPostgres.password()));
	}

	/** Generates a migration for these entities and applies it to the database. */
	private MigrationGenerator.Result evolve(String name, boolean allowDestructive, Class<?>... entities) {
		MigrationGenerator generator = generator(entities);
		MigrationGenerator.Result result = generator.generate(name, allowDestructive);
		migrate();
		assertThat(generator.check()).as("the migrations give the entities' schema").isEmpty();
		try (Connection connection = this.db.getDataSource().getConnection()) {
			Schema target = this.postgres
				.target(EntitySchemaReader.readWithRenames(Scenario.withConverter(entities), this.postgres).schema());
			assertThat(this.postgres.read(connection).differencesFrom(target))
				.as("the database has the entities' schema")
				.isEmpty();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return result;
	}

	private void migrate() {
		Flyway.configure()
			.dataSource(this.db.getDataSource())
			.locations("filesystem:" + this.migrations)
			.load()
			.migrate();
	}

	private MigrationGenerator generator(Class<?>... entities) {
		return new MigrationGenerator(this.root, List.of(this.postgres), Scenario.withConverter(entities));
	}

	private String sql(MigrationGenerator.Result result) throws Exception {
		return Files.readString(result.file().orElseThrow());
	}

	private long files() throws Exception {
		try (var files = Files.list(this.migrations)) {
			return files.count();
		}
	}

	@Test
	void addColumnsToATableWithRowsInPlace() throws Exception {
		MigrationGenerator.Result first = evolve("create_products", false, Scenario.ProductV1.class);
		assertThat(first.file().orElseThrow()).hasFileName("V1__create_products.sql");
		assertThat(sql(first)).contains("create table \"products\" (\n    \"id\" text not null primary key,",
				"\"price\" integer");
		Scenario.products(this.db, 5);
		assertThat(evolve("nothing", false, Scenario.ProductV1.class).file()).isEmpty();
		MigrationGenerator.Result nullable = evolve("add_description", false, Scenario.ProductV2.class);
		assertThat(sql(nullable)).contains("alter table \"products\" add column \"description\" text;")
			.doesNotContain("create table");
		MigrationGenerator.Result withDefault = evolve("add_stock", false, Scenario.ProductV3.class);
		assertThat(sql(withDefault))
			.contains("alter table \"products\" add column \"stock\" integer not null default 0;");
		assertThat(this.db.queryForList("select stock from products", Integer.class)).hasSize(5).containsOnly(0);
		assertThat(this.db.queryForObject("select name from products where id = 'p3'", String.class))
			.isEqualTo("Product 3");
	}

	@Test
	void changeATypeAndMakeAColumnNotNullWithADefaultKeepsEveryRow() throws Exception {
		evolve("create_products", false, Scenario.ProductV4.class);
		this.db.update("insert into products (id, name, price, stock) values ('a', 'A', 12, 1), ('b', 'B', null, 2)");
		MigrationGenerator.Result changed = evolve("price_as_text", false, Scenario.ProductV5.class);
		assertThat(sql(changed))
			.contains("alter table \"products\" alter column \"price\" type text using \"price\"::text;",
					"update \"products\" set \"price\" = 'free'",
					"alter table \"products\" alter column \"price\" set not null;")
			.doesNotContain("create table", "drop table");
		assertThat(this.db.queryForList("select price from products order by id", String.class)).containsExactly("12",
				"free");
	}

	@Test
	void narrowingIsRefusedAndAnImpossibleConversionFailsItsProof() throws Exception {
		evolve("create_products", false, Scenario.ProductV1.class);
		Scenario.products(this.db, 2);
		assertThatThrownBy(() -> generator(Scenario.ProductNarrowed.class).generate("narrow", false))
			.isInstanceOf(MigrationGenerator.RefusedException.class)
			.hasMessageContaining("narrows products.name from text to integer");
		assertThatThrownBy(() -> generator(Scenario.ProductNarrowed.class).generate("narrow", true))
			.isInstanceOf(MigrationGenerator.RefusedException.class)
			.hasMessageContaining("postgresql migration failed on a copy of the current schema with sample rows")
			.hasMessageContaining("invalid input syntax for type integer");
		assertThat(files()).as("nothing written").isEqualTo(1);
	}

	@Test
	void dropAColumnIsRefusedUntilAllowed() throws Exception {
		evolve("create_products", false, Scenario.ProductV3.class);
		this.db.update("insert into products (id, name, price, description, stock) values ('a', 'A', 1, 'text', 2)");
		assertThatThrownBy(() -> generator(Scenario.ProductV4.class).generate("drop_description", false))
			.isInstanceOf(MigrationGenerator.RefusedException.class)
			.hasMessageContaining("drops column products.description")
			.hasMessageContaining("-DallowDestructive=true");
		assertThat(files()).isEqualTo(1);
		MigrationGenerator.Result dropped = evolve("drop_description", true, Scenario.ProductV4.class);
		assertThat(sql(dropped)).contains("-- DESTRUCTIVE", "alter table \"products\" drop column \"description\";");
		assertThat(this.db.queryForMap("select id, name, price, stock from products")).containsEntry("name", "A")
			.containsEntry("stock", 2)
			.containsEntry("price", 1);
	}

	@Test
	void addAndDropAUniqueIndexAndAnIndex() throws Exception {
		evolve("create_products", false, Scenario.ProductV5.class);
		this.db.update("insert into products (id, name, price, stock) values ('a', 'A', '1', 1), ('b', 'B', '2', 2)");
		MigrationGenerator.Result added = evolve("unique_names", false, Scenario.ProductV6.class);
		assertThat(sql(added)).contains("create unique index \"ux_products_name\" on \"products\" (\"name\");",
				"create index \"idx_products_stock\" on \"products\" (\"stock\");");
		assertThatThrownBy(() -> this.db.update("insert into products (id, name) values ('c', 'A')"))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("ux_products_name");
		MigrationGenerator.Result dropped = evolve("no_unique_names", false, Scenario.ProductV5.class);
		assertThat(sql(dropped)).contains("drop index \"ux_products_name\";", "drop index \"idx_products_stock\";");
		this.db.update("insert into products (id, name) values ('c', 'A')");
		assertThat(this.db.queryForObject("select count(*) from products", Integer.class)).isEqualTo(3);
	}

	@Test
	void renameATableAndAColumnWithAHint() throws Exception {
		evolve("create_products", false, Scenario.ProductV6.class);
		this.db.update("insert into products (id, name, price, stock) values ('a', 'Apple', '1', 3)");
		MigrationGenerator.Result renamed = evolve("rename_to_items", false, Scenario.ItemV7.class);
		assertThat(sql(renamed))
			.contains("alter table \"products\" rename to \"items\";",
					"alter table \"items\" rename column \"name\" to \"title\";")
			.doesNotContain("drop table", "create table");
		assertThat(this.db.queryForMap("select title, stock from items")).containsEntry("title", "Apple")
			.containsEntry("stock", 3);
		assertThat(evolve("again", false, Scenario.ItemV7.class).file()).as("the hint is ignored once applied")
			.isEmpty();
	}

	@Test
	void aForeignKeyIsAddedInPlaceAndOrphansFailTheWholeMigration() throws Exception {
		evolve("create", false, Scenario.Parent.class, Scenario.LooseChild.class);
		this.db.update("insert into parents (id, rank) values ('p1', 1)");
		this.db.update("insert into children (id, parent_id) values ('c1', 'p1'), ('orphan', 'nobody')");
		MigrationGenerator.Result result = generator(Scenario.Parent.class, Scenario.Child.class)
			.generate("child_references_parent", false);
		assertThat(sql(result)).contains("alter table \"children\" add foreign key (\"parent_id\") references "
				+ "\"parents\" (\"id\") on delete cascade;");
		assertThatThrownBy(this::migrate).hasStackTraceContaining("violates foreign key constraint");
		assertThat(
				this.db.queryForObject("select count(*) from flyway_schema_history where not success", Integer.class))
			.as("the failed migration left nothing behind")
			.isZero();
		this.db.update("delete from children where id = 'orphan'");
		migrate();
		assertThatThrownBy(() -> this.db.update("insert into children (id, parent_id) values ('c3', 'nope')"))
			.isInstanceOf(DataIntegrityViolationException.class);
		this.db.update("delete from parents");
		assertThat(this.db.queryForObject("select count(*) from children", Integer.class)).as("cascade").isZero();
	}

}
