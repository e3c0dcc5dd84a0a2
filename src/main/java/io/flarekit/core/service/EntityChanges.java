package io.flarekit.core.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.error.Validation;
import io.flarekit.core.model.AutomaticFields;
import io.flarekit.core.model.EntityModel;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Validator;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.BeanUtils;

/**
 * The steps of one entity's writes: bind a request body, fill the automatic fields,
 * validate, and flush inside the transaction that {@link BaseService} holds, so that a
 * constraint failure surfaces while the service can still name the field; or decide an
 * update before the transaction, which {@link VersionedWrites} then writes.
 *
 * @param <E> the entity type
 */
final class EntityChanges<E> {

	private final EntityModel<E> model;

	private final EntityManager entityManager;

	private final EntityBinder<E> binder;

	private final AutomaticFields automaticFields;

	private final Validator validator;

	private final OwnerScope owners;

	/** A record as its constructor makes it, never changed: what binding is told from. */
	private final E blank;

	EntityChanges(EntityModel<E> model, ServiceParts parts) {
		this.model = model;
		this.blank = BeanUtils.instantiateClass(model.type());
		this.entityManager = parts.entityManager();
		this.binder = new EntityBinder<>(model, parts.strictMapper());
		this.automaticFields = parts.automaticFields();
		this.validator = parts.validator();
		this.owners = parts.owners();
	}

	/** Binds a request body to an entity: what was wrong with it, or nothing. */
	List<FieldError> bind(E entity, JsonNode data, boolean creating) {
		return this.binder.bind(entity, data, creating);
	}

	/**
	 * Binds a change's body to a blank record, outside any transaction. The fields to
	 * copy are the attributes the body set (a read-only one is named but not set) and any
	 * other that binding changed (a setter may set more than its own field), but never
	 * the id or a server-managed field.
	 */
	PreparedChange<E> prepare(JsonNode data) {
		E values = BeanUtils.instantiateClass(this.model.type());
		List<String> bound = new ArrayList<>();
		List<FieldError> errors = this.binder.bind(values, data, false, bound);
		// a field set to what a blank record holds (null) shows in no difference
		Set<String> fields = bound.stream()
			.filter(this.model::isWritable)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		fields.addAll(this.model.differences(values, this.blank));
		fields.remove(EntityModel.ID);
		fields.removeAll(EntityModel.SERVER_MANAGED);
		return new PreparedChange<>(values, List.copyOf(fields), errors);
	}

	/**
	 * Applies a prepared change to the stored record: what binding it found wrong, as
	 * {@link #bind} answers.
	 */
	List<FieldError> apply(E entity, PreparedChange<E> change) {
		this.model.copy(change.values(), entity, change.fields());
		return change.errors();
	}

	/**
	 * Decides an update on a record read outside any write transaction, for
	 * {@link VersionedWrites}: the same 412 as {@link #change}, then the change, the
	 * automatic fields and the validation, so that only the statement is left for the
	 * writer.
	 * @param entity the live record, as read
	 * @param precondition the versions it may be at
	 * @param change applies the change: what it found wrong
	 * @return whether there is anything to write: a record without {@code updatedAt} that
	 * the change left as it was keeps its version, as a flush would write nothing
	 */
	boolean decide(E entity, Precondition precondition, Function<? super E, List<FieldError>> change) {
		precondition.check(this.model.name(), this.model.idOf(entity), this.model.versionOf(entity));
		E before = null;
		if (!this.model.has(EntityModel.UPDATED_AT)) {
			before = BeanUtils.instantiateClass(this.model.type());
			this.model.copy(entity, before, this.model.differences(entity, this.blank));
		}
		applyChecked(entity, change);
		return before == null || !this.model.differences(entity, before).isEmpty();
	}

	E insert(E entity, List<FieldError> bindingErrors) {
		List<FieldError> errors = new ArrayList<>(bindingErrors);
		errors.addAll(this.automaticFields.onCreate(this.model, entity, this.entityManager));
		if (this.model.has(EntityModel.OWNER_ID)) {
			this.owners.subject().ifPresent((subject) -> this.model.set(entity, EntityModel.OWNER_ID, subject));
		}
		validate(entity, errors);
		this.entityManager.persist(entity);
		this.entityManager.flush();
		return entity;
	}

	/**
	 * Changes a live record, if it is at a version the precondition accepts: checked
	 * before the change (RFC 9110 evaluates preconditions before the content), and again
	 * by JPA's {@code @Version} when the change is flushed.
	 */
	E change(String id, Precondition precondition, Function<? super E, List<FieldError>> change) {
		E entity = load(id, false, precondition);
		applyChecked(entity, change);
		this.entityManager.flush();
		return entity;
	}

	/**
	 * Applies a change, stamps the automatic fields of an update and validates: 400
	 * naming every field the change or the validation found wrong.
	 */
	private void applyChecked(E entity, Function<? super E, List<FieldError>> change) {
		List<FieldError> bindingErrors = change.apply(entity);
		this.automaticFields.onUpdate(this.model, entity);
		validate(entity, bindingErrors);
	}

	/**
	 * Applies several updates in order, each at the version its entry expects; a failure
	 * names its entry.
	 */
	List<E> changeAll(List<BulkUpdate> updates) {
		List<E> updated = new ArrayList<>(updates.size());
		for (int i = 0; i < updates.size(); i++) {
			BulkUpdate update = updates.get(i);
			try {
				updated.add(change(update.id(), update.precondition(), (entity) -> bind(entity, update.data(), false)));
			}
			catch (ServiceException ex) {
				throw ex.forEntry(i);
			}
			catch (PersistenceException ex) {
				int entry = i;
				throw ConstraintFailures.translate(ex, this.model, false)
					.map((failure) -> failure.forEntry(entry))
					.orElseThrow(() -> ex);
			}
		}
		return updated;
	}

	E remove(String id, boolean permanent, Precondition precondition) {
		E entity = load(id, permanent, precondition);
		remove(entity, permanent);
		return entity;
	}

	/**
	 * A record that exists (and is live unless {@code includeDeleted}) at an accepted
	 * version.
	 */
	private E load(String id, boolean includeDeleted, Precondition precondition) {
		E entity = findToWrite(id, includeDeleted).orElseThrow(() -> ServiceException.notFound(this.model.name(), id));
		precondition.check(this.model.name(), id, this.model.versionOf(entity));
		return entity;
	}

	/** Removes the records that exist among the ids, each once. */
	List<E> removeAll(Collection<String> ids, boolean permanent) {
		List<E> removed = new ArrayList<>();
		for (String id : new LinkedHashSet<>(ids)) {
			findToWrite(id, permanent).ifPresent((entity) -> {
				remove(entity, permanent);
				removed.add(entity);
			});
		}
		return removed;
	}

	/** A soft delete needs {@code deletedAt}: 400 for an entity without it. */
	void requireSoftDeleteSupport(boolean permanent) {
		if (!permanent && !this.model.isSoftDeletable()) {
			throw ServiceException.badRequest(
					this.model.name() + " records cannot be soft-deleted: they have no deletedAt; delete permanently");
		}
	}

	private void remove(E entity, boolean permanent) {
		if (permanent) {
			this.entityManager.remove(entity);
		}
		else {
			this.model.set(entity, EntityModel.DELETED_AT, this.automaticFields.now());
		}
		this.entityManager.flush();
	}

	E restore(String id) {
		E entity = find(id, true).orElseThrow(() -> ServiceException.notFound(this.model.name(), id));
		this.model.set(entity, EntityModel.DELETED_AT, null);
		this.automaticFields.onUpdate(this.model, entity);
		this.entityManager.flush();
		return entity;
	}

	/**
	 * A record by id; none when it is soft-deleted (unless asked for) or, for a caller
	 * limited to its own records, another's: the answer is the same 404, so that a
	 * record's existence is not revealed.
	 */
	Optional<E> find(String id, boolean includeDeleted) {
		return reachable(this.entityManager.find(this.model.type(), id), includeDeleted);
	}

	/**
	 * As {@link #find}, locking the row until the transaction ends where the database
	 * locks rows ({@code select … for update} on PostgreSQL; SQLite's single writer needs
	 * none): concurrent changes of one record then queue instead of failing each other's
	 * version check at {@code READ COMMITTED}, so a write without {@code If-Match} is not
	 * answered 412 for a race the client never saw.
	 */
	private Optional<E> findToWrite(String id, boolean includeDeleted) {
		return reachable(this.entityManager.find(this.model.type(), id, LockModeType.PESSIMISTIC_WRITE),
				includeDeleted);
	}

	private Optional<E> reachable(E entity, boolean includeDeleted) {
		return (entity == null || (!includeDeleted && this.model.isDeleted(entity)) || !isReachable(entity))
				? Optional.empty() : Optional.of(entity);
	}

	private boolean isReachable(E entity) {
		String owner = this.owners.owner().orElse(null);
		return owner == null
				|| (this.model.has(EntityModel.OWNER_ID) && owner.equals(this.model.get(entity, EntityModel.OWNER_ID)));
	}

	/**
	 * Throws a 400 naming every bad field: those the binder could not set and those the
	 * entity's constraints reject.
	 */
	private void validate(E entity, List<FieldError> bindingErrors) {
		List<FieldError> errors = new ArrayList<>(bindingErrors);
		Set<String> unbound = bindingErrors.stream().map(FieldError::field).collect(Collectors.toSet());
		Validation.toFieldErrors(this.validator.validate(entity))
			.stream()
			.filter((error) -> !unbound.contains(error.field()))
			.forEach(errors::add);
		if (!errors.isEmpty()) {
			throw ServiceException.invalid(errors);
		}
	}

}
