package io.flarekit.core.service;

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.StatelessSession;
import org.hibernate.annotations.SQLUpdate;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.MutationQuery;
import org.hibernate.type.Type;

/**
 * An update that sets only the columns its change changed. Hibernate's {@code UPDATE} of
 * an entity sets every column, and SQLite rewrites the entries of every index whose
 * columns are set, to the same value or not: an update of a user's name wrote five pages
 * to the write-ahead log (the row's and its four indexes') where one would do. The values
 * are compared as Hibernate's flush compares them, by their types, against a deep copy
 * taken before the change.
 * <p>
 * It applies to a versioned entity in one table without collections it owns or an
 * {@code UPDATE} of its own ({@link SQLUpdate}); any other is written whole, by
 * Hibernate's own {@code UPDATE}.
 *
 * @param <E> the entity type
 */
final class ChangedColumns<E> {

	private final EntityPersister persister;

	private final SessionFactoryImplementor factory;

	private final boolean applicable;

	/** The statement for each set of changed properties, made once. */
	private final Map<BitSet, String> statements = new ConcurrentHashMap<>();

	ChangedColumns(Class<E> type, EntityManagerFactory entityManagerFactory) {
		this.factory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
		this.persister = this.factory.getMappingMetamodel().getEntityDescriptor(type);
		this.applicable = this.persister.isVersioned() && !this.persister.hasMultipleTables()
				&& !this.persister.hasOwnedCollections() && !this.persister.hasPreUpdateGeneratedProperties()
				&& !this.persister.hasUpdateGeneratedProperties() && !type.isAnnotationPresent(SQLUpdate.class);
	}

	/**
	 * The entity's values before a change, copied deeply so that a value changed in place
	 * still differs; null where the whole entity is written.
	 */
	Object[] snapshot(E entity) {
		if (!this.applicable) {
			return null;
		}
		Object[] values = this.persister.getValues(entity);
		Type[] types = this.persister.getPropertyTypes();
		for (int i = 0; i < values.length; i++) {
			values[i] = types[i].deepCopy(values[i], this.factory);
		}
		return values;
	}

	/**
	 * Writes the properties that differ from the snapshot and the next version, where the
	 * row is still at the version read; without a snapshot, Hibernate's own
	 * {@code UPDATE} of the whole entity, which throws when no row is at that version.
	 * @param session a session on the write transaction's connection
	 * @param entity the changed entity, at the version read
	 * @param before its {@link #snapshot} before the change
	 * @param id its id
	 * @param version the version it was read at
	 * @return whether a row was written: none when another write came between
	 */
	boolean write(StatelessSession session, E entity, Object[] before, Object id, long version) {
		if (before == null) {
			session.update(entity);
			return true;
		}
		Object[] after = this.persister.getValues(entity);
		BitSet changed = changed(before, after);
		MutationQuery update = session.createMutationQuery(this.statements.computeIfAbsent(changed, this::statement));
		changed.stream().forEach((i) -> update.setParameter(parameter(i), after[i]));
		update.setParameter("id", id);
		update.setParameter("version", version);
		update.setParameter("next", version + 1);
		return update.executeUpdate() == 1;
	}

	private BitSet changed(Object[] before, Object[] after) {
		Type[] types = this.persister.getPropertyTypes();
		boolean[] updatable = this.persister.getPropertyUpdateability();
		int versionIndex = this.persister.getVersionPropertyIndex();
		BitSet changed = new BitSet(after.length);
		for (int i = 0; i < after.length; i++) {
			if (updatable[i] && i != versionIndex && !types[i].isEqual(before[i], after[i], this.factory)) {
				changed.set(i);
			}
		}
		return changed;
	}

	private String statement(BitSet changed) {
		String[] names = this.persister.getPropertyNames();
		StringBuilder hql = new StringBuilder("update ").append(this.persister.getEntityName()).append(" e set ");
		changed.stream()
			.forEach((i) -> hql.append("e.").append(names[i]).append(" = :").append(parameter(i)).append(", "));
		String version = names[this.persister.getVersionPropertyIndex()];
		return hql.append("e.")
			.append(version)
			.append(" = :next where e.")
			.append(this.persister.getIdentifierPropertyName())
			.append(" = :id and e.")
			.append(version)
			.append(" = :version")
			.toString();
	}

	private static String parameter(int index) {
		return "p" + index;
	}

}
