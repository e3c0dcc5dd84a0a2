package io.flarekit.core.service;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.flarekit.core.error.ConcurrentChange;
import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.model.EntityModel;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.PostUpdate;
import jakarta.persistence.PreUpdate;
import org.hibernate.Session;
import org.hibernate.StatelessSession;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An update decided before its write transaction: the record read without a transaction
 * (on a reader), 404, 412 and 400 decided on that copy, then one statement, an
 * {@code UPDATE} of what changed ({@link ChangedColumns}; of the whole entity where that
 * does not apply) {@code where id = ? and version = <the version read>}, so that the
 * single writer is held for that statement only. It goes through a
 * {@link StatelessSession} on the write transaction's connection, which runs the entity's
 * converters, without loading the record into a persistence context first. Where it
 * cannot be used, the update is loaded, changed and flushed in the writer as before.
 *
 * @param <E> the entity type
 */
final class VersionedWrites<E> {

	private final EntityModel<E> model;

	private final EntityChanges<E> changes;

	private final ServiceParts parts;

	private final boolean applicable;

	private final ChangedColumns<E> columns;

	VersionedWrites(EntityModel<E> model, EntityChanges<E> changes, ServiceParts parts) {
		this.model = model;
		this.changes = changes;
		this.parts = parts;
		this.applicable = !hasUpdateCallbacks(model.type());
		this.columns = new ChangedColumns<>(model.type(), parts.entityManager().getEntityManagerFactory());
	}

	/**
	 * Updates a live record: decided before the writer when it can be, else (and when
	 * overtaken) loaded, changed and flushed in the writer.
	 * @param id the record's id
	 * @param precondition the versions it may be at
	 * @param change applies the change: what it found wrong
	 * @param writer runs work in a write transaction
	 * @return the record as written
	 * @throws ServiceException 404, 412 or 400
	 */
	E update(String id, Precondition precondition, Function<E, List<FieldError>> change,
			Function<Supplier<E>, E> writer) {
		// not inside a caller's transaction, which the record must be read in; not for an
		// entity with update callbacks or listeners, which a stateless write would skip
		if (this.applicable && !TransactionSynchronizationManager.isActualTransactionActive()) {
			try {
				return decided(id, precondition, change, writer);
			}
			catch (Overtaken ex) {
				// again from the read, inside the writer (locked there where rows lock),
				// so that it cannot be overtaken twice: on the newer record, or 412 for
				// If-Match
			}
		}
		return writer.apply(() -> this.changes.change(id, precondition, change));
	}

	/**
	 * Reads a live record, decides the change on it and writes it; called outside any
	 * transaction.
	 * @throws Overtaken when another write came between the read and the write
	 */
	private E decided(String id, Precondition precondition, Function<E, List<FieldError>> change,
			Function<Supplier<E>, E> writer) {
		E entity = this.parts.transactions()
			.readOne(() -> this.changes.find(id, false))
			.orElseThrow(() -> ServiceException.notFound(this.model.name(), id));
		Object[] before = this.columns.snapshot(entity);
		if (!this.changes.decide(entity, precondition, change)) {
			return entity;
		}
		long version = this.model.versionOf(entity);
		return writer.apply(() -> {
			write(entity, before, version);
			return entity;
		});
	}

	/**
	 * Writes a decided record. Every write of a record increments its version, a soft
	 * delete too, so the version read stands for every condition the read checked (live,
	 * and the caller's: the owner never changes).
	 * @param entity the record, changed
	 * @param before its {@link ChangedColumns#snapshot} before the change
	 * @param version the version it was read at
	 * @throws Overtaken when another write came between: no row matched, nothing was
	 * written
	 */
	private void write(E entity, Object[] before, long version) {
		// a rerun of the transaction starts again from the version read
		this.model.set(entity, EntityModel.VERSION, version);
		boolean written;
		try (StatelessSession session = this.parts.entityManager()
			.unwrap(Session.class)
			.statelessWithOptions()
			.connection()
			.open()) {
			written = this.columns.write(session, entity, before, this.model.idOf(entity), version);
		}
		catch (RuntimeException ex) {
			if (!ConcurrentChange.isCause(ex)) {
				throw ex;
			}
			written = false;
		}
		if (!written) {
			this.model.set(entity, EntityModel.VERSION, version);
			throw new Overtaken();
		}
		this.model.set(entity, EntityModel.VERSION, version + 1);
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
	private static final class Overtaken extends RuntimeException {

		Overtaken() {
			super("another write came between the read and the write", null, false, false);
		}

	}

}
