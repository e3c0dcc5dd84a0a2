package io.flarekit.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * Writes the next migration, for each supported database whose migrations differ from the
 * entities, into that database's folder under the migrations root: one version number and
 * one name across the folders, so that one change of the entities is one
 * {@code V<n>__<name>.sql} in each. Each migration is proven before anything is written:
 * it is applied to a scratch database of its kind that holds rows in every table, and
 * must give exactly the entities' schema without losing a row.
 */
final class MigrationGenerator {

	/** The command that writes a migration, for messages. */
	static final String GENERATE_COMMAND = "./mvnw test-compile exec:java@generate-migration -Dname=<what_changed>";

	private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

	private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,80}");

	private static final int SAMPLE_ROWS = 3;

	private final Path root;

	private final List<Vendor> vendors;

	private final Collection<Class<?>> entityClasses;

	/**
	 * What a run did.
	 *
	 * @param written the changes of each migration written, by file; empty when there was
	 * nothing to do
	 */
	record Result(Map<Path, List<String>> written) {

		/** The first migration written, or empty. */
		Optional<Path> file() {
			return this.written.keySet().stream().findFirst();
		}

		/** The changes of the first migration written. */
		List<String> changes() {
			return this.written.values().stream().findFirst().orElse(List.of());
		}

	}

	/** The entities and the migrations cannot be brought together safely. */
	static class RefusedException extends RuntimeException {

		RefusedException(String message) {
			super(message);
		}

	}

	/**
	 * A generator for several databases.
	 * @param root the migrations root, holding one folder per database
	 * @param vendors the databases
	 * @param entityClasses the entities and auto-applied converters
	 */
	MigrationGenerator(Path root, List<Vendor> vendors, Collection<Class<?>> entityClasses) {
		this.root = root;
		this.vendors = List.copyOf(vendors);
		this.entityClasses = entityClasses;
	}

	/**
	 * How the schema of the migrations differs from the entities' schema, for each
	 * database.
	 * @return one line per difference, starting with the database's folder; empty when
	 * they agree
	 */
	List<String> check() {
		List<String> differences = new ArrayList<>();
		for (Vendor vendor : this.vendors) {
			Schema target = vendor.target(EntitySchemaReader.readWithRenames(this.entityClasses, vendor).schema());
			try (ScratchDatabase scratch = vendor.newScratch()) {
				scratch.migrate(folder(vendor));
				scratch.schema()
					.differencesFrom(target)
					.forEach((difference) -> differences.add(vendor.folder() + ": " + difference));
			}
		}
		return differences;
	}

	/** What one database needs: its migration and the entities in its terms. */
	private record Plan(Vendor vendor, List<Change> changes, EntitySchemaReader.Result entities) {
	}

	/**
	 * Writes the next migration of every database that needs one.
	 * @param name what changed, e.g. {@code add_products}
	 * @param allowDestructive whether changes that can lose data may be written
	 * @return what was written
	 * @throws RefusedException when the changes are destructive and not allowed, or a
	 * migration fails its proof; then nothing is written
	 */
	Result generate(String name, boolean allowDestructive) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new RefusedException("Give the migration a name of lower-case letters, digits and underscores, "
					+ "e.g. -Dname=add_products");
		}
		List<Plan> plans = new ArrayList<>();
		List<String> destructive = new ArrayList<>();
		for (Vendor vendor : this.vendors) {
			Plan plan = plan(vendor);
			if (!plan.changes().isEmpty()) {
				plans.add(plan);
				plan.changes()
					.stream()
					.map(Change::destructive)
					.filter((d) -> d != null)
					.forEach((d) -> destructive.add((this.vendors.size() > 1) ? vendor.folder() + ": " + d : d));
			}
		}
		if (plans.isEmpty()) {
			return new Result(Map.of());
		}
		if (!destructive.isEmpty() && !allowDestructive) {
			throw new RefusedException(
					"These changes can lose data, so nothing was written:\n  - " + String.join("\n  - ", destructive)
							+ "\nIf that is intended, run again with -DallowDestructive=true.");
		}
		String fileName = "V" + nextVersion() + "__" + name + ".sql";
		Map<Plan, MigrationScript> scripts = new LinkedHashMap<>();
		for (Plan plan : plans) {
			MigrationScript script = MigrationScript.of(plan.changes(), name,
					plan.changes().stream().map(Change::destructive).filter((d) -> d != null).toList());
			prove(plan, fileName, script);
			scripts.put(plan, script);
		}
		Map<Path, List<String>> written = new LinkedHashMap<>();
		scripts.forEach((plan, script) -> {
			Path folder = folder(plan.vendor());
			write(folder.resolve(fileName), script.sql());
			if (script.outsideTransaction()) {
				write(folder.resolve(fileName + ".conf"), MigrationScript.NON_TRANSACTIONAL_CONF);
			}
			written.put(folder.resolve(fileName), plan.changes().stream().map(Change::description).toList());
		});
		return new Result(written);
	}

	private Plan plan(Vendor vendor) {
		EntitySchemaReader.Result entities = EntitySchemaReader.readWithRenames(this.entityClasses, vendor);
		EntitySchemaReader.Result target = new EntitySchemaReader.Result(vendor.target(entities.schema()),
				entities.renames());
		List<Change> changes = new ArrayList<>();
		try (ScratchDatabase scratch = vendor.newScratch()) {
			scratch.migrate(folder(vendor));
			changes.addAll(renames(scratch, entities.renames()));
			changes.addAll(vendor.plan(scratch.schema(), target.schema()));
		}
		return new Plan(vendor, changes, target);
	}

	private Path folder(Vendor vendor) {
		return this.root.resolve(vendor.folder());
	}

	private static List<Change> renames(ScratchDatabase scratch, Renames renames) {
		List<Change> changes = new ArrayList<>();
		Schema current = scratch.schema();
		for (Map.Entry<String, String> rename : renames.tables().entrySet()) {
			if (current.table(rename.getKey()).isPresent() && current.table(rename.getValue()).isEmpty()) {
				changes.add(Change.of("rename table " + rename.getKey() + " to " + rename.getValue(), "alter table "
						+ SqlText.quote(rename.getKey()) + " rename to " + SqlText.quote(rename.getValue()) + ";"));
			}
		}
		scratch.execute(changes.stream().flatMap((change) -> change.statements().stream()).toList());
		current = scratch.schema();
		List<Change> columnChanges = new ArrayList<>();
		for (Map.Entry<String, Map<String, String>> table : renames.columns().entrySet()) {
			Optional<Schema.Table> existing = current.table(table.getKey());
			for (Map.Entry<String, String> rename : table.getValue().entrySet()) {
				if (existing.isPresent() && existing.get().column(rename.getKey()).isPresent()
						&& existing.get().column(rename.getValue()).isEmpty()) {
					columnChanges.add(Change.of(
							"rename column " + table.getKey() + "." + rename.getKey() + " to " + rename.getValue(),
							"alter table " + SqlText.quote(table.getKey()) + " rename column "
									+ SqlText.quote(rename.getKey()) + " to " + SqlText.quote(rename.getValue())
									+ ";"));
				}
			}
		}
		scratch.execute(columnChanges.stream().flatMap((change) -> change.statements().stream()).toList());
		changes.addAll(columnChanges);
		return changes;
	}

	/**
	 * Applies the new migration, through Flyway, to a copy of the current schema holding
	 * sample rows, and checks the result.
	 */
	private void prove(Plan plan, String fileName, MigrationScript script) {
		EntitySchemaReader.Result entities = plan.entities();
		Path migrations = folder(plan.vendor());
		Path candidate = null;
		try (ScratchDatabase scratch = plan.vendor().newScratch()) {
			candidate = Files.createTempDirectory("flarekit-candidate-");
			if (Files.isDirectory(migrations)) {
				try (Stream<Path> files = Files.list(migrations)) {
					for (Path file : files.toList()) {
						Files.copy(file, candidate.resolve(file.getFileName()));
					}
				}
			}
			scratch.migrate(migrations);
			scratch.insertSampleRows(scratch.schema(), entities.schema(), SAMPLE_ROWS);
			Map<String, Long> before = scratch.rowCounts();
			Files.writeString(candidate.resolve(fileName), script.sql(), StandardCharsets.UTF_8);
			if (script.outsideTransaction()) {
				Files.writeString(candidate.resolve(fileName + ".conf"), MigrationScript.NON_TRANSACTIONAL_CONF,
						StandardCharsets.UTF_8);
			}
			try {
				scratch.migrate(candidate);
			}
			catch (RuntimeException ex) {
				throw new RefusedException("The new " + plan.vendor().folder()
						+ " migration failed on a copy of the current schema with sample "
						+ "rows, so nothing was written: " + rootMessage(ex) + "\n\n" + script.sql());
			}
			List<String> problems = new ArrayList<>(scratch.schema().differencesFrom(entities.schema()));
			Map<String, Long> after = scratch.rowCounts();
			before.forEach((table, count) -> {
				String now = entities.renames().tables().getOrDefault(table, table);
				if (after.containsKey(now) && !after.get(now).equals(count)) {
					problems.add("table " + now + " had " + count + " rows and has " + after.get(now));
				}
			});
			problems.addAll(scratch.integrityProblems());
			if (!problems.isEmpty()) {
				throw new RefusedException("The new " + plan.vendor().folder()
						+ " migration does not give the entities' schema with every row, "
						+ "so nothing was written:\n  - " + String.join("\n  - ", problems) + "\n\n" + script.sql());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (candidate != null) {
				FileSystemUtils.deleteRecursively(candidate.toFile());
			}
		}
	}

	/** One more than the highest version in any database's folder. */
	private int nextVersion() {
		int highest = 0;
		for (Vendor vendor : this.vendors) {
			if (Files.isDirectory(folder(vendor))) {
				try (Stream<Path> files = Files.list(folder(vendor))) {
					highest = Math.max(highest,
							files.map((file) -> VERSIONED.matcher(file.getFileName().toString()))
								.filter(Matcher::matches)
								.mapToInt((matcher) -> Integer.parseInt(matcher.group(1)))
								.max()
								.orElse(0));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return highest + 1;
	}

	private static void write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
