package io.flarekit.schema;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.flarekit.core.model.RenamedFrom;
import io.flarekit.core.model.TableIndex;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.ForeignKey;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.UniqueKey;

import org.springframework.boot.hibernate.SpringImplicitNamingStrategy;
import org.springframework.util.ReflectionUtils;

/**
 * Reads the schema the entities ask for from Hibernate's mapping model, built without a
 * database and with the same naming strategies as the running service, plus the
 * {@link TableIndex} declarations that JPA cannot express.
 */
final class EntitySchemaReader {

	private EntitySchemaReader() {
	}

	/**
	 * What a set of entities declares.
	 *
	 * @param schema the schema they map to
	 * @param renames the renames they declare
	 */
	record Result(Schema schema, Renames renames) {
	}

	/**
	 * The schema of a set of entities.
	 * @param classes the entity classes, and any auto-applied attribute converters
	 * @return their schema
	 */
	static Schema read(Collection<Class<?>> classes) {
		return readWithRenames(classes, new SqliteVendor()).schema();
	}

	/**
	 * The schema of a set of entities and the renames they declare.
	 * @param classes the entity classes, and any auto-applied attribute converters
	 * @param vendor the database whose types and defaults the schema is in
	 * @return their schema and renames
	 */
	static Result readWithRenames(Collection<Class<?>> classes, Vendor vendor) {
		StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
			.applySetting(AvailableSettings.DIALECT, vendor.hibernateDialect())
			.applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, false)
			.applySetting(AvailableSettings.PHYSICAL_NAMING_STRATEGY,
					CamelCaseToUnderscoresNamingStrategy.class.getName())
			.applySetting(AvailableSettings.IMPLICIT_NAMING_STRATEGY, SpringImplicitNamingStrategy.class.getName())
			.build();
		try {
			MetadataSources sources = new MetadataSources(registry);
			classes.forEach(sources::addAnnotatedClass);
			Metadata metadata = sources.buildMetadata();
			Map<String, List<TableIndex>> declaredIndexes = declaredIndexes(metadata);
			Map<String, Schema.Table> tables = new LinkedHashMap<>();
			for (Namespace namespace : metadata.getDatabase().getNamespaces()) {
				for (Table table : namespace.getTables()) {
					Schema.Table read = table(table, metadata,
							declaredIndexes.getOrDefault(name(table.getName()), List.of()), vendor);
					tables.put(read.name(), read);
				}
			}
			return new Result(new Schema(tables), renames(metadata));
		}
		finally {
			StandardServiceRegistryBuilder.destroy(registry);
		}
	}

	private static Renames renames(Metadata metadata) {
		Map<String, String> tables = new LinkedHashMap<>();
		Map<String, Map<String, String>> columns = new LinkedHashMap<>();
		for (PersistentClass entity : metadata.getEntityBindings()) {
			String table = name(entity.getTable().getName());
			RenamedFrom tableRename = entity.getMappedClass().getAnnotation(RenamedFrom.class);
			if (tableRename != null) {
				tables.put(name(tableRename.value()), table);
			}
			for (Property property : entity.getPropertyClosure()) {
				Field field = ReflectionUtils.findField(entity.getMappedClass(), property.getName());
				RenamedFrom columnRename = (field != null) ? field.getAnnotation(RenamedFrom.class) : null;
				if (columnRename != null && property.getColumns().size() == 1) {
					columns.computeIfAbsent(table, (key) -> new LinkedHashMap<>())
						.put(name(columnRename.value()), name(property.getColumns().get(0).getName()));
				}
			}
		}
		return new Renames(tables, columns);
	}

	private static Map<String, List<TableIndex>> declaredIndexes(Metadata metadata) {
		Map<String, List<TableIndex>> indexes = new LinkedHashMap<>();
		for (PersistentClass entity : metadata.getEntityBindings()) {
			Class<?> type = entity.getMappedClass();
			indexes.computeIfAbsent(name(entity.getTable().getName()), (key) -> new ArrayList<>())
				.addAll(Arrays.asList(type.getAnnotationsByType(TableIndex.class)));
		}
		return indexes;
	}

	private static Schema.Table table(Table table, Metadata metadata, List<TableIndex> declared, Vendor vendor) {
		String tableName = name(table.getName());
		List<String> primaryKey = (table.getPrimaryKey() != null)
				? table.getPrimaryKey().getColumns().stream().map((column) -> name(column.getName())).toList()
				: List.of();
		List<Schema.Column> columns = new ArrayList<>();
		for (Column column : table.getColumns()) {
			boolean notNull = !column.isNullable() || primaryKey.contains(name(column.getName()));
			columns.add(new Schema.Column(name(column.getName()), vendor.columnType(column.getSqlType(metadata)),
					notNull, vendor.columnDefault(column.getDefaultValue())));
		}
		List<Schema.ForeignKey> foreignKeys = new ArrayList<>();
		for (ForeignKey foreignKey : table.getForeignKeyCollection()) {
			if (!foreignKey.isCreationEnabled()) {
				continue;
			}
			List<String> referenced = foreignKey.getReferencedColumns().isEmpty() ? foreignKey.getReferencedTable()
				.getPrimaryKey()
				.getColumns()
				.stream()
				.map((c) -> name(c.getName()))
				.toList() : foreignKey.getReferencedColumns().stream().map((c) -> name(c.getName())).toList();
			String onDelete = (foreignKey.getOnDeleteAction() != null)
					? foreignKey.getOnDeleteAction().name().replace('_', ' ').toLowerCase(Locale.ROOT) : "no action";
			foreignKeys
				.add(new Schema.ForeignKey(foreignKey.getColumns().stream().map((c) -> name(c.getName())).toList(),
						name(foreignKey.getReferencedTable().getName()), referenced, onDelete));
		}
		Map<String, Schema.Index> indexes = new LinkedHashMap<>();
		Set<List<String>> uniqueColumnSets = new LinkedHashSet<>();
		for (Column column : table.getColumns()) {
			if (column.isUnique() && !primaryKey.equals(List.of(name(column.getName())))) {
				uniqueColumnSets.add(List.of(name(column.getName())));
			}
		}
		for (UniqueKey uniqueKey : table.getUniqueKeys().values()) {
			List<String> keyColumns = uniqueKey.getColumns().stream().map((c) -> name(c.getName())).toList();
			if (!keyColumns.equals(primaryKey)) {
				if (uniqueKey.isNameExplicit()) {
					uniqueColumnSets.remove(keyColumns);
					indexes.put(name(uniqueKey.getName()),
							new Schema.Index(name(uniqueKey.getName()), true, keyColumns, null));
				}
				else if (indexes.values().stream().noneMatch((index) -> index.terms().equals(keyColumns))) {
					uniqueColumnSets.add(keyColumns);
				}
			}
		}
		for (List<String> unique : uniqueColumnSets) {
			String indexName = "ux_" + tableName + "_" + String.join("_", unique);
			indexes.put(indexName, new Schema.Index(indexName, true, unique, null));
		}
		for (Index index : table.getIndexes().values()) {
			List<String> terms = index.getColumns().stream().map((c) -> name(c.getName())).toList();
			indexes.put(name(index.getName()), new Schema.Index(name(index.getName()), false, terms, null));
		}
		for (TableIndex index : declared) {
			List<String> terms = SqlSyntax.splitTopLevel(index.on()).stream().map(Schema::normalize).toList();
			String where = index.where().isBlank() ? null : Schema.normalize(index.where());
			indexes.put(name(index.name()), new Schema.Index(name(index.name()), index.unique(), terms, where));
		}
		return new Schema.Table(tableName, columns, primaryKey, foreignKeys, indexes);
	}

	private static String name(String identifier) {
		return identifier.replace("`", "").replace("\"", "").toLowerCase(Locale.ROOT);
	}

}
