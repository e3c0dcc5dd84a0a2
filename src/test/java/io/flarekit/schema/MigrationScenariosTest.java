package io.flarekit.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.flarekit.core.model.UtcTimestampConverter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.flywaydb.core.Flyway;
import scenarios.Scenario;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generator on a database that already holds rows: each scenario generates a
 * migration, applies it with Flyway as the service would, and checks that the database
 * has exactly the entities' schema and still every row.
 */
class MigrationScenariosTest {

	@TempDir
	Path folder;

	Path migrations;

	JdbcTemplate db;

	@BeforeEach
	void database() throws Exception {
		this.migrations = Files.createDirectories(this.folder.resolve("migrations/sqlite"));
		Connection connection = DriverManager
			.getConnection("jdbc:sqlite:" + this.folder.resolve("app.db") + "?foreign_keys=true");
		this.db = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
	}

	/** Generates a migration for these entities and applies it to the database. */
	private MigrationGenerator.Result evolve(String name, boolean allowDestructive, Class<?>... entities) {
		MigrationGenerator generator = generator(entities);
		MigrationGenerator.Result result = generator.generate(name, allowDestructive);
		Flyway.configure()
			.dataSource(this.db.getDataSource())
			.locations("filesystem:" + this.migrations)
			.load()
			.migrate();
		assertThat(generator.check()).as("the migrations give the entities' schema").isEmpty();
		try (Connection connection = this.db.getDataSource().getConnection()) {
			assertThat(
					DatabaseSchemaReader.read(connection).differencesFrom(EntitySchemaReader.read(List.of(entities))))
				.as("the database has the entities' schema")
				.isEmpty();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		assertThat(this.db.queryForList("pragma foreign_key_check")).isEmpty();
		assertThat(this.db.queryForObject("pragma integrity_check", String.class)).isEqualTo("ok");
		return result;
	}

	private MigrationGenerator generator(Class<?>... entities) {
		List<Class<?>> classes = new ArrayList<>(List.of(entities));
		classes.add(UtcTimestampConverter.class);
		return new MigrationGenerator(this.migrations.getParent(), List.of(new SqliteVendor()), classes);
	}

	private String sql(MigrationGenerator.Result result) throws Exception {
		return Files.readString(result.file().orElseThrow());
	}

	private void products(int count) {
		for (int i = 0; i < count; i++) {
			this.db.update("insert into products (id, name, price) values (?, ?, ?)", "p" + i, "Product " + i,
					(i % 2 == 0) ? i * 10 : null);
		}
	}

	@Test
	void addATableToAnEmptyDatabaseAndThenNothingToDo() throws Exception {
		MigrationGenerator.Result first = evolve("create_products", false, Scenario.ProductV1.class);
		assertThat(first.file().orElseThrow().getFileName().toString()).isEqualTo("V1__create_products.sql");
		assertThat(sql(first)).contains("-- create table products", "create table \"products\"")
			.doesNotContain("foreign_keys");
		assertThat(first.changes()).containsExactly("create table products");
		products(3);
		MigrationGenerator.Result none = evolve("nothing", false, Scenario.ProductV1.class);
		assertThat(none.file()).isEmpty();
		assertThat(Files.list(this.migrations).count()).isEqualTo(1);
		MigrationGenerator.Result second = evolve("add_accounts", false, Scenario.ProductV1.class,
				Scenario.Account.class);
		assertThat(second.file().orElseThrow().getFileName().toString()).isEqualTo("V2__add_accounts.sql");
		assertThat(sql(second)).contains(
				"create unique index \"ux_accounts_email\" on \"accounts\" (lower(email)) where deleted_at is null");
		assertThat(this.db.queryForObject("select count(*) from products", Integer.class)).isEqualTo(3);
	}

	@Test
	void addANullableColumnAndANotNullColumnWithADefaultInPlace() throws Exception {
		evolve("create_products", false, Scenario.ProductV1.class);
		products(5);
		MigrationGenerator.Result nullable = evolve("add_description", false, Scenario.ProductV2.class);
		assertThat(sql(nullable)).contains("alter table \"products\" add column \"description\" text;")
			.doesNotContain("rebuild");
		MigrationGenerator.Result withDefault = evolve("add_stock", false, Scenario.ProductV3.class);
		assertThat(sql(withDefault))
			.contains("alter table \"products\" add column \"stock\" integer not null default 0;");
		assertThat(this.db.queryForList("select stock from products", Integer.class)).hasSize(5).containsOnly(0);
		assertThat(this.db.queryForObject("select name from products where id = 'p3'", String.class))
			.isEqualTo("Product 3");
	}

	@Test
	void dropAColumnIsRefusedUntilAllowed() throws Exception {
		evolve("create_products", false, Scenario.ProductV3.class);
		this.db.update("insert into products (id, name, price, description, stock) values ('a', 'A', 1, 'text', 2)");
		assertThatThrownBy(() -> generator(Scenario.ProductV4.class).generate("drop_description", false))
			.isInstanceOf(MigrationGenerator.RefusedException.class)
			.hasMessageContaining("drops column products.description")
			.hasMessageContaining("-DallowDestructive=true");
		assertThat(Files.list(this.migrations).count()).isEqualTo(1);
		MigrationGenerator.Result dropped = evolve("drop_description", true, Scenario.ProductV4.class);
		assertThat(sql(dropped)).contains("-- DESTRUCTIVE", "drops column products.description",
				"-- rebuild table products");
		assertThat(this.db.queryForMap("select id, name, price, stock from products")).containsEntry("name", "A")
			.containsEntry("stock", 2)
			.containsEntry("price", 1);
	}

	@Test
	void narrowingATypeIsRefusedUntilAllowed() {
		evolve("create_products", false, Scenario.ProductV1.class);
		products(2);
		assertThatThrownBy(() -> generator(Scenario.ProductNarrowed.class).generate("narrow", false))
			.hasMessageContaining("narrows products.name from text to integer");
		evolve("narrow", true, Scenario.ProductNarrowed.class);
		assertThat(this.db.queryForObject("select count(*) from products", Integer.class)).isEqualTo(2);
	}

	@Test
	void changeATypeAndMakeAColumnNotNullKeepsEveryRow() throws Exception {
		evolve("create_products", false, Scenario.ProductV4.class);
		this.db.update("insert into products (id, name, price, stock) values ('a', 'A', 12, 1), ('b', 'B', null, 2)");
		MigrationGenerator.Result changed = evolve("price_as_text", false, Scenario.ProductV5.class);
		assertThat(sql(changed)).contains(
				"rebuild table products: column price: integer -> text not null default 'free'",
				"coalesce(\"price\", 'free')", "pragma foreign_keys = off", "savepoint migration", "release migration");
		assertThat(this.migrations.resolve(changed.file().orElseThrow().getFileName() + ".conf")).content()
			.contains("executeInTransaction=false");
		assertThat(this.db.queryForList("select price from products order by id", String.class)).containsExactly("12",
				"free");
		assertThat(this.db.queryForObject("pragma foreign_keys", Integer.class)).isEqualTo(1);
	}

	@Test
	void addAndDropAUniqueConstraintAndAnIndex() throws Exception {
		evolve("create_products", false, Scenario.ProductV5.class);
		this.db.update("insert into products (id, name, price, stock) values ('a', 'A', '1', 1), ('b', 'B', '2', 2)");
		MigrationGenerator.Result added = evolve("unique_names", false, Scenario.ProductV6.class);
		assertThat(sql(added))
			.contains("create unique index \"ux_products_name\" on \"products\" (\"name\");",
					"create index \"idx_products_stock\" on \"products\" (\"stock\");")
			.doesNotContain("rebuild");
		assertThatThrownBy(() -> this.db.update("insert into products (id, name) values ('c', 'A')"))
			.hasMessageContaining("UNIQUE");
		MigrationGenerator.Result dropped = evolve("no_unique_names", false, Scenario.ProductV5.class);
		assertThat(sql(dropped)).contains("drop index \"ux_products_name\";", "drop index \"idx_products_stock\";");
		this.db.update("insert into products (id, name) values ('c', 'A')");
		assertThat(this.db.queryForObject("select count(*) from products", Integer.class)).isEqualTo(3);
	}

	@Test
	void addAForeignKey() throws Exception {
		evolve("create", false, Scenario.Parent.class, Scenario.LooseChild.class);
		this.db.update("insert into parents (id, rank) values ('p1', 1)");
		this.db.update("insert into children (id, parent_id) values ('c1', 'p1'), ('c2', 'p1')");
		MigrationGenerator.Result result = evolve("child_references_parent", false, Scenario.Parent.class,
				Scenario.Child.class);
		assertThat(sql(result))
			.contains("foreign key (\"parent_id\") references \"parents\" (\"id\") on delete cascade");
		assertThat(this.db.queryForObject("select count(*) from children", Integer.class)).isEqualTo(2);
		assertThatThrownBy(() -> this.db.update("insert into children (id, parent_id) values ('c3', 'nope')"))
			.hasMessageContaining("FOREIGN KEY");
	}

	@Test
	void aForeignKeyThatExistingRowsBreakFailsTheMigrationAndChangesNothing() throws Exception {
		evolve("create", false, Scenario.Parent.class, Scenario.LooseChild.class);
		this.db.update("insert into children (id, parent_id) values ('orphan', 'nobody')");
		generator(Scenario.Parent.class, Scenario.Child.class).generate("child_references_parent", false);
		assertThatThrownBy(() -> Flyway.configure()
			.dataSource(this.db.getDataSource())
			.locations("filesystem:" + this.migrations)
			.load()
			.migrate()).hasStackTraceContaining("CHECK constraint failed");
		((SingleConnectionDataSource) this.db.getDataSource()).destroy();
		JdbcTemplate fresh = new JdbcTemplate(
				new SingleConnectionDataSource("jdbc:sqlite:" + this.folder.resolve("app.db"), true));
		assertThat(fresh.queryForObject("select count(*) from children", Integer.class)).isEqualTo(1);
		assertThat(fresh.queryForList("pragma foreign_key_list(children)")).as("nothing half-done").isEmpty();
		assertThat(fresh.queryForList("select name from sqlite_master where name like '%rebuild%'")).isEmpty();
	}

	@Test
	void rebuildingAParentKeepsTheRowsOfItsCascadingChildren() throws Exception {
		evolve("create", false, Scenario.Parent.class, Scenario.Child.class);
		this.db.update("insert into parents (id, rank) values ('p1', 1), ('p2', null)");
		this.db.update("insert into children (id, parent_id) values ('c1', 'p1'), ('c2', 'p1'), ('c3', 'p2')");
		MigrationGenerator.Result result = evolve("rank_as_text", false, Scenario.ParentRebuilt.class,
				Scenario.ChildOfRebuilt.class);
		assertThat(sql(result)).contains("-- rebuild table parents");
		assertThat(this.db.queryForObject("select count(*) from children", Integer.class)).isEqualTo(3);
		assertThat(this.db.queryForList("select rank from parents order by id", String.class)).containsExactly("1",
				"none");
		this.db.update("delete from parents where id = 'p1'");
		assertThat(this.db.queryForObject("select count(*) from children", Integer.class)).as("cascade still works")
			.isEqualTo(1);
	}

	@Test
	void renameAColumnAndATableWithAHint() throws Exception {
		evolve("create_products", false, Scenario.ProductV6.class);
		this.db.update("insert into products (id, name, price, stock) values ('a', 'Apple', '1', 3)");
		MigrationGenerator.Result renamed = evolve("rename_to_items", false, Scenario.ItemV7.class);
		assertThat(sql(renamed))
			.contains("alter table \"products\" rename to \"items\";",
					"alter table \"items\" rename column \"name\" to \"title\";")
			.doesNotContain("drop table");
		assertThat(renamed.changes()).containsExactly("rename table products to items",
				"rename column items.name to title");
		assertThat(this.db.queryForMap("select title, stock from items")).containsEntry("title", "Apple")
			.containsEntry("stock", 3);
		assertThat(evolve("again", false, Scenario.ItemV7.class).file()).as("the hint is ignored once applied")
			.isEmpty();
	}

	@Test
	void twoChangesToOneTableInOneRun() throws Exception {
		evolve("create_products", false, Scenario.ProductV1.class);
		products(4);
		MigrationGenerator.Result result = evolve("description_and_stock", false, Scenario.ProductV3.class);
		assertThat(result.changes()).containsExactly("add column products.description", "add column products.stock");
		assertThat(this.db.queryForObject("select count(*) from products where stock = 0", Integer.class)).isEqualTo(4);
	}

	@Test
	void checkFailsOnDriftAndPassesAfterGenerate() {
		evolve("create_products", false, Scenario.ProductV1.class);
		assertThat(generator(Scenario.ProductV2.class).check())
			.containsExactly("sqlite: products: column description is missing");
		assertThat(generator(Scenario.ProductV1.class, Scenario.Account.class).check())
			.containsExactly("sqlite: table accounts is missing");
		evolve("add_description", false, Scenario.ProductV2.class);
		assertThat(generator(Scenario.ProductV2.class).check()).isEmpty();
	}

	@Test
	void badNamesAreRefused() {
		assertThatThrownBy(() -> generator(Scenario.ProductV1.class).generate("Add Products!", false))
			.hasMessageContaining("-Dname=");
		assertThatThrownBy(() -> generator(Scenario.ProductV1.class).generate(null, false))
			.hasMessageContaining("-Dname=");
	}

	@Test
	void theGeneratedSqlIsReadable() throws Exception {
		MigrationGenerator.Result result = evolve("create", false, Scenario.Parent.class, Scenario.Child.class);
		String sql = sql(result);
		assertThat(sql).startsWith("-- Generated from the entity classes by");
		assertThat(sql)
			.contains("\n-- create table parents\ncreate table \"parents\" (\n    \"id\" text not null primary key,");
		assertThat(sql.indexOf("create table \"parents\"")).isLessThan(sql.indexOf("create table \"children\""));
		try (Connection connection = this.db.getDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("select 1");
		}
	}

}
