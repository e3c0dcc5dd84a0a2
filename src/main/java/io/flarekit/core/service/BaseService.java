package io.flarekit.core.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.flarekit.core.error.ServiceException;
import io.flarekit.core.model.EntityModel;
import io.flarekit.core.query.Cursor;
import io.flarekit.core.query.KeysetPage;
import io.flarekit.core.query.ListQueries;
import io.flarekit.core.query.ListResult;
import io.flarekit.core.query.Range;
import io.flarekit.core.query.SortOrder;
import jakarta.persistence.PersistenceException;
import org.hibernate.Hibernate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.modulith.NamedInterface;

/**
 * Every operation of the original Flarekit's {@code BaseService}, written once for every
 * entity. Each write runs in its own transaction or joins the caller's, on the single
 * writer; a read of one statement runs without a transaction of its own (or in the
 * caller's), on the read-only connections; lists are {@link ListQueries}' job. What an
 * entity has decides what happens: {@code id} is a UUIDv7 unless the client gives one,
 * {@code createdAt}/{@code updatedAt} are stamped, {@code shortId} and {@code slug} are
 * generated, {@code deletedAt} makes deletes soft. Subclass it to add behaviour for one
 * entity; use {@link CrudServices#forEntity} when nothing needs adding.
 *
 * @param <E> the entity type
 */
@NamedInterface("service")
public class BaseService<E> {

	private final EntityModel<E> model;

	private final ServiceParts parts;

	private final EntityChanges<E> changes;

	private final ListQueries<E> queries;

	private final VersionedWrites<E> versionedWrites;

	protected BaseService(Class<E> type, CrudServices services) {
		this.parts = services.parts();
		this.model = new EntityModel<>(type, this.parts.entityManager().getMetamodel(), this.parts.strictMapper());
		this.changes = new EntityChanges<>(this.model, this.parts);
		this.versionedWrites = new VersionedWrites<>(this.model, this.changes, this.parts);
		this.queries = new ListQueries<>(this.model, this.parts.entityManager(), this.parts.strictMapper(),
				this.parts.transactions(), this.parts.properties().maxPageSize(),
				this.parts.properties().countCacheTtl(), this.parts.countsAhead(), this.parts.owners(),
				this.parts.folding());
	}

	/**
	 * The most ids or entries one bulk call takes, and the most rows one list returns.
	 */
	public int maxIds() {
		return this.parts.properties().maxPageSize();
	}

	/** What this service knows about its entity. */
	public EntityModel<E> model() {
		return this.model;
	}

	/** The mapper that reads this service's request bodies and writes its records. */
	public JsonMapper jsonMapper() {
		return this.parts.strictMapper();
	}

	/**
	 * Creates a record from a request body; server-managed fields are ignored.
	 * @param data the fields, as JSON
	 * @return the inserted record
	 * @throws ServiceException 400 naming every bad field, 409 on a duplicate
	 */
	public E create(JsonNode data) {
		return write(() -> {
			E entity = BeanUtils.instantiateClass(this.model.type());
			return this.changes.insert(entity, this.changes.bind(entity, data, true));
		}, false, false, true);
	}

	/**
	 * Creates a record made in code; its automatic fields are filled. Not rerun when the
	 * database refuses it (the insert changed the entity): see {@link #inTransaction}.
	 */
	public E create(E entity) {
		return write(() -> this.changes.insert(entity, List.of()), false, false, false);
	}

	/**
	 * Changes the given fields of a record and stamps {@code updatedAt}.
	 * @param id the record's id
	 * @param data the fields to change, as JSON
	 * @return the updated record
	 * @throws ServiceException 404 when there is no such (live) record, 400, 409
	 */
	public E update(String id, JsonNode data) {
		return update(id, data, Precondition.NONE);
	}

	/**
	 * As {@link #update(String, JsonNode)}, if the record is at a version the
	 * precondition accepts: else a 412 naming its version, and nothing is written.
	 */
	public E update(String id, JsonNode data, Precondition precondition) {
		// bound before any transaction
		PreparedChange<E> change = this.changes.prepare(data);
		return this.versionedWrites.update(id, precondition, (entity) -> this.changes.apply(entity, change),
				(work) -> write(work, false, true, true));
	}

	/** Changes a record in code and stamps {@code updatedAt}; 404 when there is none. */
	public E update(String id, Consumer<? super E> change) {
		return update(id, change, Precondition.NONE);
	}

	/**
	 * As {@link #update(String, Consumer)}, if the precondition holds; else 412. When the
	 * database refuses the transaction (a serialization failure), the change runs again
	 * on the record read afresh: it must change only the entity it is given.
	 */
	public E update(String id, Consumer<? super E> change, Precondition precondition) {
		return write(() -> this.changes.change(id, precondition, (entity) -> {
			change.accept(entity);
			return List.of();
		}), false, false, true);
	}

	/** Deletes a record: softly when the entity has {@code deletedAt}, else for good. */
	public E delete(String id) {
		return delete(id, !this.model.isSoftDeletable());
	}

	/**
	 * Deletes a record, removing the row when {@code permanent}, whatever its version.
	 */
	public E delete(String id, boolean permanent) {
		return delete(id, permanent, Precondition.NONE);
	}

	/**
	 * Deletes a record: removes the row when {@code permanent}, else sets
	 * {@code deletedAt}; 404 when missing, 400 for a soft delete without
	 * {@code deletedAt}, 412 when the precondition does not hold. The other deletes call
	 * this one: override it to change how a record is deleted.
	 */
	public E delete(String id, boolean permanent, Precondition precondition) {
		this.changes.requireSoftDeleteSupport(permanent);
		return write(() -> this.changes.remove(id, permanent, precondition), true, false, true);
	}

	/**
	 * Brings a soft-deleted record back: clears {@code deletedAt}, stamps
	 * {@code updatedAt}; 404 when there is no such record, 400 without {@code deletedAt}.
	 */
	public E restore(String id) {
		this.changes.requireSoftDeleteSupport(false);
		return write(() -> this.changes.restore(id), false, false, true);
	}

	/**
	 * A record by id; a soft-deleted one only when {@code includeDeleted}. One
	 * {@code SELECT}, without a transaction of its own.
	 */
	public Optional<E> getById(String id, boolean includeDeleted) {
		return this.parts.transactions().readOne(() -> this.changes.find(id, includeDeleted));
	}

	/**
	 * A record by id with the named to-one associations loaded: the original's
	 * {@code getByIdWithRelations}; 400 naming an association the entity does not have.
	 */
	public Optional<E> getById(String id, boolean includeDeleted, Collection<String> embed) {
		this.queries.checkEmbed(embed);
		if (embed.isEmpty()) {
			return getById(id, includeDeleted);
		}
		// the record and its associations in one transaction, so that they agree
		return read(() -> this.changes.find(id, includeDeleted).map((entity) -> {
			embed.forEach((association) -> Hibernate.initialize(this.model.getAssociation(entity, association)));
			return entity;
		}));
	}

	/** A record by its {@code shortId}; 400 when the entity has no {@code shortId}. */
	public Optional<E> getByShortId(String shortId, boolean includeDeleted) {
		if (!this.model.has(EntityModel.SHORT_ID)) {
			throw ServiceException.badRequest(this.model.name() + " records have no shortId");
		}
		return findFirst(Map.of(EntityModel.SHORT_ID, shortId), includeDeleted);
	}

	/** The first record that matches a filter, for lookups by a unique field. */
	public Optional<E> findFirst(Map<String, ?> filter, boolean includeDeleted) {
		return this.queries.first(filter, includeDeleted);
	}

	/** The records with any of the given ids, in no particular order. */
	public List<E> getMany(Collection<String> ids, boolean includeDeleted) {
		return ids.isEmpty() ? List.of() : this.queries.all(Map.of(EntityModel.ID, List.copyOf(ids)), includeDeleted);
	}

	/**
	 * One page of the records that match a filter, in order, and their total.
	 * @see ListQueries#page
	 */
	public ListResult<E> getList(Range range, SortOrder sort, Map<String, ?> filter, boolean includeDeleted) {
		return getList(range, sort, filter, includeDeleted, List.of());
	}

	/**
	 * One page of records with the named to-one associations loaded in the same query:
	 * the original's {@code getListWithRelations}, without a query per row.
	 * @see ListQueries#page
	 */
	public ListResult<E> getList(Range range, SortOrder sort, Map<String, ?> filter, boolean includeDeleted,
			Collection<String> embed) {
		return this.queries.page(range, sort, filter, includeDeleted, embed);
	}

	/**
	 * One page of a keyset walk. Unlike an offset, it costs the same however far the walk
	 * has gone, and rows created or deleted meanwhile neither repeat nor vanish.
	 * @see ListQueries#pageAfter
	 */
	public KeysetPage<E> getListAfter(Cursor cursor, int limit, SortOrder sort, Map<String, ?> filter,
			boolean includeDeleted, Collection<String> embed) {
		return this.queries.pageAfter(cursor, limit, sort, filter, includeDeleted, embed);
	}

	/**
	 * The cursor of the page after a record, so that a client can go on from any page by
	 * keyset.
	 * @see ListQueries#cursorAfter
	 */
	public Cursor cursorAfter(E last, SortOrder sort) {
		return this.queries.cursorAfter(last, sort);
	}

	/** How many records match a filter, as for {@link #getList}. */
	public long getCount(Map<String, ?> filter, boolean includeDeleted) {
		return this.queries.count(filter, includeDeleted);
	}

	/**
	 * The records that point at another record through {@code field}: react-admin's
	 * {@code getManyReference}.
	 * @see ListQueries#pageReferencing
	 */
	public ListResult<E> getManyReference(String field, Object id, Range range, SortOrder sort, Map<String, ?> filter,
			boolean includeDeleted) {
		return this.queries.pageReferencing(field, id, range, sort, filter, includeDeleted);
	}

	/**
	 * Applies several updates, all or none.
	 * @param updates the records and their changes
	 * @return the updated records, in order
	 * @throws ServiceException 404 when a record is missing (nothing is changed), 400
	 */
	public List<E> bulkUpdate(List<BulkUpdate> updates) {
		return write(() -> this.changes.changeAll(updates), false, true, true);
	}

	/**
	 * Deletes the records with the given ids as {@link #delete(String)} does, all or
	 * none; ids with no (live) record are skipped.
	 */
	public List<E> bulkDelete(Collection<String> ids) {
		return bulkDelete(ids, !this.model.isSoftDeletable());
	}

	/**
	 * Deletes the records with the given ids, removing the rows when {@code permanent};
	 * all or none, and ids with no record are skipped.
	 */
	public List<E> bulkDelete(Collection<String> ids, boolean permanent) {
		this.changes.requireSoftDeleteSupport(permanent);
		return write(() -> this.changes.removeAll(ids, permanent), true, false, true);
	}

	/**
	 * Runs several changes, which join it, as one write transaction (or within the
	 * caller's). The outermost one runs again from the start when the database refuses it
	 * (serialization failure, deadlock): the work must read and make its entities within.
	 */
	protected <T> T inTransaction(Supplier<T> work) {
		return write(work, false, false, true);
	}

	private <T> T read(Supplier<T> work) {
		return this.parts.transactions().read(work);
	}

	/**
	 * Runs work in a write transaction, or in the caller's, and marks cached totals stale
	 * once the outermost transaction has completed.
	 * @param deleting whether it deletes (a foreign key failure then means "still
	 * referenced")
	 * @param fieldsOnly whether it changes only fields of existing rows, so that the
	 * unfiltered total stays right
	 * @param rerunnable whether the work may run again when the database refuses it
	 */
	private <T> T write(Supplier<T> work, boolean deleting, boolean fieldsOnly, boolean rerunnable) {
		try {
			return this.parts.transactions().write(work, () -> this.queries.written(!fieldsOnly), rerunnable);
		}
		catch (PersistenceException | DataAccessException ex) {
			throw ConstraintFailures.translate(ex, this.model, deleting).orElseThrow(() -> ex);
		}
	}

}
