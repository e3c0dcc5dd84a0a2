package io.flarekit.core.service;

import java.lang.reflect.Method;

import io.flarekit.core.error.ConcurrentChange;
import io.flarekit.core.model.EntityModel;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PostUpdate;
import jakarta.persistence.PreUpdate;
import org.hibernate.Session;
import org.hibernate.StatelessSession;

/**
 * The write of an update decided before its write transaction: one statement, Hibernate's
 * own {@code UPDATE} of the entity {@code where id = ? and version = <the version read>},
 * so that the single writer is held for that statement only. It goes through a
 * {@link StatelessSession} on the write transaction's connection, which runs the entity's
 * converters and increments its version as a flush does, without loading the record into
 * a persistence context first.
 *
 * @param <E> the entity type
 */
final class VersionedWrites<E> {

	private final EntityModel<E> model;

	private final EntityManager entityManager;

	private final boolean applicable;

	VersionedWrites(EntityModel<E> model, EntityManager entityManager) {
		this.model = model;
		this.entityManager = entityManager;
		this.applicable = !hasUpdateCallbacks(model.type());
	}

	/**
	 * Whether the entity's updates may be written this way: not when it declares JPA
	 * update callbacks or listeners, which a stateless write would not run as a flush
	 * does.
	 */
	boolean applicable() {
		return this.applicable;
	}

	/**
	 * Writes a decided record. Every write of a record increments its version, a soft
	 * delete too, so the version read stands for every condition the read checked (live,
	 * and the caller's: the owner never changes).
	 * @param entity the record, changed
	 * @param version the version it was read at
	 * @throws Overtaken when another write came between: no row matched, nothing was
	 * written
	 */
	void write(E entity, long version) {
		// a rerun of the transaction starts again from the version read
		this.model.set(entity, EntityModel.VERSION, version);
		try (StatelessSession session = this.entityManager.unwrap(Session.class)
			.statelessWithOptions()
			.connection()
			.open()) {
			session.update(entity);
		}
		catch (RuntimeException ex) {
			if (ConcurrentChange.isCause(ex)) {
				this.model.set(entity, EntityModel.VERSION, version);
				throw new Overtaken();
			}
			throw ex;
		}
	}

	/**
	 * Whether an entity or a class it extends declares JPA callbacks that a flush of an
	 * update runs, or listeners that may.
	 */
	private static boolean hasUpdateCallbacks(Class<?> type) {
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			if (c.isAnnotationPresent(EntityListeners.class)) {
				return true;
			}
			for (Method method : c.getDeclaredMethods()) {
				if (method.isAnnotationPresent(PreUpdate.class) || method.isAnnotationPresent(PostUpdate.class)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Another write changed the record between an update's read and its write, so its
	 * {@code where version = ?} matched no row and nothing was written.
	 */
	static final class Overtaken extends RuntimeException {

		Overtaken() {
			super("another write came between the read and the write", null, false, false);
		}

	}

}
