package io.flarekit.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What the migration generator needs to know about one database product: how the
 * entities' columns map to its types, how to read a schema back from it, how to change
 * one schema into another, and where to get a scratch database to prove a migration on.
 * The generator itself is the same for every product; each has its own migrations folder,
 * named by {@link #folder()} as Spring Boot names the vendor, so that
 * {@code classpath:db/migration/{vendor}} finds it.
 */
interface Vendor {

	/**
	 * The folder of this product's migrations, under the migrations root; Spring Boot's
	 * name for the vendor ({@code sqlite}, {@code postgresql}).
	 * @return the folder name
	 */
	String folder();

	/**
	 * The Hibernate dialect whose types the entities map to.
	 * @return a dialect class name
	 */
	String hibernateDialect();

	/**
	 * The column type this product stores a Hibernate column type as, in the normal form
	 * its schema reader gives.
	 * @param hibernateType the type Hibernate's dialect gives, e.g. {@code varchar(255)}
	 * @return the normalized type
	 */
	String columnType(String hibernateType);

	/**
	 * A column default as the entities declare it, in this product's SQL.
	 * @param declared the {@code @ColumnDefault} text, or null
	 * @return the default, or null
	 */
	String columnDefault(String declared);

	/**
	 * The entities' schema exactly as this product's reader would read it back, so that
	 * it compares equal with a database that has it.
	 * @param declared the entities' schema in this product's types
	 * @return the schema to compare databases with
	 */
	Schema target(Schema declared);

	Schema read(Connection connection) throws SQLException;

	List<Change> plan(Schema current, Schema target);

	/**
	 * A value for a sample row.
	 * @param column the column
	 * @param row the row number, from 1
	 * @param key whether the column is, or references, a primary key: sample row
	 * {@code row} has the same key in every table
	 * @return the value to bind
	 */
	Object sampleValue(Schema.Column column, int row, boolean key);

	/**
	 * What the product's own checks find wrong after a migration; empty when all is well.
	 * @param connection a connection to the scratch database
	 * @return the problems
	 */
	List<String> integrityProblems(Connection connection);

	/**
	 * An empty database of this product, to be thrown away after use.
	 * @return the scratch database
	 */
	ScratchDatabase newScratch();

}
