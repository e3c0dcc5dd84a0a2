package io.flarekit.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.criteria.JoinType;
import org.hibernate.Hibernate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.BeanUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every operation the original Flarekit's {@code BaseService} offers, written once for
 * every entity: create, update, delete (soft or permanent), getById, getByShortId,
 * getMany, getList, getCount, getManyReference, bulkUpdate and bulkDelete. Each call runs
 * in its own transaction (or joins the caller's); reads go to SQLite's read-only
 * connections, writes to the single writer.
 * <p>
 * What an entity has decides what happens: an {@code id} is always a UUIDv7 unless the
 * client gives one on create, {@code createdAt}/{@code updatedAt} are stamped,
 * {@code shortId} and {@code slug} are generated, {@code deletedAt} makes deletes soft.
 * Subclass it to add behaviour for one entity; use {@link CrudServices#forEntity} when
 * nothing needs adding.
 *
 * @param <E> the entity type
 */
public class BaseService<E> {

	private final EntityModel<E> model;

	private final EntityManager entityManager;

	private final CountingRepository<E> repository;

	private final TransactionTemplate writeTransactions;

	private final TransactionTemplate reads;

	private final EntityBinder<E> binder;

	private final Filters<E> filters;

	private final CrudServices services;

	/**
	 * Bumped after every write this service makes: a cached total of a filtered list from
	 * before is stale.
	 */
	private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

	/**
	 * Bumped after every write that may add or remove rows (create, delete, restore): a
	 * cached total of the unfiltered list from before is stale. Updates through JSON
	 * leave it, as they cannot change which rows the list holds (deletedAt is
	 * server-managed).
	 */
	private final java.util.concurrent.atomic.AtomicLong rowChanges = new java.util.concurrent.atomic.AtomicLong();

	private final Map<String, CachedCount> counts = new java.util.concurrent.ConcurrentHashMap<>();

	private record CachedCount(long total, long writes, long nanos) {
	}

	protected BaseService(Class<E> type, CrudServices services) {
		this.services = services;
		this.entityManager = services.entityManager();
		this.model = new EntityModel<>(type, this.entityManager.getMetamodel());
		this.repository = new CountingRepository<>(type, this.entityManager);
		this.writeTransactions = services.writes();
		this.reads = services.reads();
		this.binder = new EntityBinder<>(this.model, services.strictMapper());
		this.filters = new Filters<>(this.model, services.strictMapper());
	}

	/**
	 * The most ids or entries one bulk call takes, and the most rows one list returns.
	 */
	public int maxIds() {
		return this.services.maxPageSize();
	}

	/** What this service knows about its entity. */
	public EntityModel<E> model() {
		return this.model;
	}

	/**
	 * Creates a record from a request body.
	 * @param data the fields, as JSON; server-managed fields are ignored
	 * @return the inserted record
	 * @throws ServiceException 400 naming every bad field, 409 on a duplicate
	 */
	public E create(JsonNode data) {
		return write(() -> {
			E entity = BeanUtils.instantiateClass(this.model.type());
			return insert(entity, this.binder.bind(entity, data, true));
		}, false, false);
	}

	/**
	 * Creates a record.
	 * @param entity a new entity; its automatic fields are filled
	 * @return the inserted record
	 */
	public E create(E entity) {
		return write(() -> insert(entity, List.of()), false, false);
	}

	/**
	 * Changes the given fields of a record and stamps {@code updatedAt}.
	 * @param id the record's id
	 * @param data the fields to change, as JSON
	 * @return the updated record
	 * @throws ServiceException 404 when there is no such (live) record, 400, 409
	 */
	public E update(String id, JsonNode data) {
		return write(() -> change(id, (entity) -> this.binder.bind(entity, data, false)), false, true);
	}

	/**
	 * Changes a record in code and stamps {@code updatedAt}.
	 * @param id the record's id
	 * @param change what to change
	 * @return the updated record
	 */
	public E update(String id, Consumer<? super E> change) {
		return write(() -> change(id, (entity) -> {
			change.accept(entity);
			return List.of();
		}), false, false);
	}

	/**
	 * Deletes a record: softly when the entity has {@code deletedAt}, else for good.
	 * @param id the record's id
	 * @return the deleted record
	 */
	public E delete(String id) {
		return delete(id, !this.model.isSoftDeletable());
	}

	/**
	 * Deletes a record.
	 * @param id the record's id
	 * @param permanent remove the row rather than set {@code deletedAt}
	 * @return the deleted record
	 * @throws ServiceException 404 when missing, 400 when a soft delete is asked of an
	 * entity without {@code deletedAt}
	 */
	public E delete(String id, boolean permanent) {
		requireSoftDeleteSupport(permanent);
		return write(() -> {
			E entity = find(id, permanent).orElseThrow(() -> ServiceException.notFound(this.model.name(), id));
			remove(entity, permanent);
			return entity;
		}, true, false);
	}

	/**
	 * Brings a soft-deleted record back: clears {@code deletedAt} and stamps
	 * {@code updatedAt}.
	 * @param id the record's id
	 * @return the restored record
	 * @throws ServiceException 404 when there is no such record, 400 when the entity has
	 * no {@code deletedAt}
	 */
	public E restore(String id) {
		requireSoftDeleteSupport(false);
		return write(() -> {
			E entity = find(id, true).orElseThrow(() -> ServiceException.notFound(this.model.name(), id));
			this.model.set(entity, EntityModel.DELETED_AT, null);
			this.services.automaticFields().onUpdate(this.model, entity);
			this.entityManager.flush();
			return entity;
		}, false, false);
	}

	/**
	 * A record by id.
	 * @param id the id
	 * @param includeDeleted whether a soft-deleted record is returned
	 * @return the record, or empty
	 */
	public Optional<E> getById(String id, boolean includeDeleted) {
		return read(() -> find(id, includeDeleted));
	}

	/**
	 * A record by id with the named to-one associations loaded: the original's
	 * {@code getByIdWithRelations}.
	 * @param id the id
	 * @param includeDeleted whether a soft-deleted record is returned
	 * @param embed names of to-one associations to load
	 * @return the record, or empty
	 * @throws ServiceException 400 naming an association the entity does not have
	 */
	public Optional<E> getById(String id, boolean includeDeleted, Collection<String> embed) {
		checkEmbed(embed);
		return read(() -> find(id, includeDeleted).map((entity) -> {
			embed.forEach((association) -> Hibernate.initialize(this.model.getAssociation(entity, association)));
			return entity;
		}));
	}

	/**
	 * A record by its {@code shortId}.
	 * @param shortId the short id
	 * @param includeDeleted whether a soft-deleted record is returned
	 * @return the record, or empty
	 * @throws ServiceException 400 when the entity has no {@code shortId}
	 */
	public Optional<E> getByShortId(String shortId, boolean includeDeleted) {
		if (!this.model.has(EntityModel.SHORT_ID)) {
			throw ServiceException.badRequest(this.model.name() + " records have no shortId");
		}
		return findFirst(Map.of(EntityModel.SHORT_ID, shortId), includeDeleted);
	}

	/**
	 * The first record that matches a filter, for lookups by a unique field.
	 * @param filter the conditions, as for {@link #getList}
	 * @param includeDeleted whether a soft-deleted record is returned
	 * @return the record, or empty
	 */
	public Optional<E> findFirst(Map<String, ?> filter, boolean includeDeleted) {
		Specification<E> condition = this.filters.toSpecification(filter, includeDeleted);
		return read(() -> this.repository.findAll(condition).stream().findFirst());
	}

	/**
	 * The records with any of the given ids, in no particular order.
	 * @param ids the ids
	 * @param includeDeleted whether soft-deleted records are returned
	 * @return the records that exist
	 */
	public List<E> getMany(Collection<String> ids, boolean includeDeleted) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Specification<E> byIds = this.filters.toSpecification(Map.of(EntityModel.ID, List.copyOf(ids)), includeDeleted);
		return read(() -> this.repository.findAll(byIds));
	}

	/**
	 * One page of the records that match a filter, in order.
	 * @param range the rows to return, capped at the configured page size
	 * @param sort the order
	 * @param filter the conditions, see {@link Filters}
	 * @param includeDeleted whether soft-deleted records match
	 * @return the page and the total number of matches
	 * @throws ServiceException 400 naming an unknown sort or filter field
	 */
	public ListResult<E> getList(Range range, SortOrder sort, Map<String, ?> filter, boolean includeDeleted) {
		return getList(range, sort, filter, includeDeleted, List.of());
	}

	/**
	 * One page of records with the named to-one associations loaded in the same query:
	 * the original's {@code getListWithRelations}, without a query per row.
	 * @param range the rows to return, capped at the configured page size
	 * @param sort the order
	 * @param filter the conditions, see {@link Filters}
	 * @param includeDeleted whether soft-deleted records match
	 * @param embed names of to-one associations to load
	 * @return the page and the total number of matches
	 * @throws ServiceException 400 naming an unknown sort, filter or association
	 */
	public ListResult<E> getList(Range range, SortOrder sort, Map<String, ?> filter, boolean includeDeleted,
			Collection<String> embed) {
		Specification<E> specification = listCondition(sort, filter, includeDeleted, embed);
		Range capped = range.cappedAt(this.services.maxPageSize());
		OffsetPageable page = new OffsetPageable(capped.start(), (int) capped.size(), sort.toSort());
		List<E> rows = read(() -> this.repository.findPage(specification, page));
		long total;
		if (!rows.isEmpty() && rows.size() < capped.size()) {
			total = capped.start() + rows.size();
		}
		else if (rows.isEmpty() && capped.start() == 0) {
			total = 0;
		}
		else {
			total = count(specification, filter, includeDeleted);
		}
		return new ListResult<>(rows, capped.start(), total);
	}

	/**
	 * One page of a keyset walk: the rows after a cursor (or the first rows), in an order
	 * that must be the cursor's. Unlike an offset, it costs the same however far the walk
	 * has gone, and rows created or deleted meanwhile neither repeat nor vanish.
	 * @param cursor where the page starts, or null for the first page
	 * @param limit how many rows, at least 1; capped at the maximum page size
	 * @param sort the order, the one the cursor was made for
	 * @param filter the conditions, as for {@link #getList}
	 * @param includeDeleted whether soft-deleted records are included
	 * @param embed to-one associations to load with the rows
	 * @return the rows and the cursor of the next page
	 * @throws ServiceException 400 naming {@code cursor}, {@code limit}, {@code sort} or
	 * the filter field that is wrong
	 */
	public KeysetPage<E> getListAfter(Cursor cursor, int limit, SortOrder sort, Map<String, ?> filter,
			boolean includeDeleted, Collection<String> embed) {
		Specification<E> specification = listCondition(sort, filter, includeDeleted, embed);
		if (limit < 1) {
			throw ServiceException.invalid("limit", FieldError.INVALID_VALUE, "must be at least 1");
		}
		int size = Math.min(limit, this.services.maxPageSize());
		if (cursor != null) {
			if (!cursor.sort().equals(sort)) {
				throw ServiceException.invalid(Cursor.PARAMETER, FieldError.INVALID_VALUE,
						"was made for the order [\"" + cursor.sort().field() + "\",\"" + cursor.sort().direction()
								+ "\"]: ask with that sort, or start again without a cursor");
			}
			specification = specification.and(cursor.toSpecification(this.model, this.services.strictMapper()));
		}
		// one row more than asked tells whether there is a next page
		OffsetPageable page = new OffsetPageable(0, size + 1, sort.toSort());
		Specification<E> condition = specification;
		List<E> rows = read(() -> this.repository.findPage(condition, page));
		if (rows.size() <= size) {
			return new KeysetPage<>(rows, null);
		}
		return new KeysetPage<>(List.copyOf(rows.subList(0, size)), cursorAfter(rows.get(size - 1), sort));
	}

	/**
	 * The cursor of the page after a record, so that a client can go on from any page by
	 * keyset.
	 * @param last the last record of a page
	 * @param sort the order of that page
	 * @return the cursor
	 */
	public Cursor cursorAfter(E last, SortOrder sort) {
		return Cursor.after(this.model, last, sort, this.services.strictMapper());
	}

	/**
	 * How many records match a filter.
	 * @param filter the conditions
	 * @param includeDeleted whether soft-deleted records count
	 * @return the count
	 */
	public long getCount(Map<String, ?> filter, boolean includeDeleted) {
		Specification<E> specification = this.filters.toSpecification(filter, includeDeleted);
		return read(() -> this.repository.count(specification));
	}

	/**
	 * The total of a list (the page's condition; its joins are left out of a count),
	 * reused while this service has written nothing to the entity and the entry is
	 * younger than {@code flarekit.api.count-cache-ttl}: counting scans every matching
	 * row, and react-admin asks for the total with every page.
	 */
	private long count(Specification<E> specification, Map<String, ?> filter, boolean includeDeleted) {
		long ttl = this.services.countCacheTtl().toNanos();
		if (ttl <= 0) {
			return read(() -> this.repository.count(specification));
		}
		String key = includeDeleted + " " + this.services.strictMapper()
			.valueToTree(new java.util.TreeMap<String, Object>((filter != null) ? filter : Map.of()));
		boolean filtered = filter != null && !filter.isEmpty();
		long version = filtered ? this.writes.get() : this.rowChanges.get();
		if (this.counts.size() > 1000) {
			this.counts.clear();
		}
		// one request counts while the others asking for the same total wait for it
		return this.counts.compute(key, (k,
				cached) -> (cached != null && cached.writes() == version && System.nanoTime() - cached.nanos() < ttl)
						? cached
						: new CachedCount(read(() -> this.repository.count(specification)), version, System.nanoTime()))
			.total();
	}

	/**
	 * The records that point at another record through {@code field}: react-admin's
	 * {@code getManyReference}.
	 * @param field the attribute holding the other record's id
	 * @param id the other record's id
	 * @param range the rows to return
	 * @param sort the order
	 * @param filter further conditions
	 * @param includeDeleted whether soft-deleted records match
	 * @return the page and the total number of matches
	 * @throws ServiceException 400 when {@code field} is not an attribute
	 */
	public ListResult<E> getManyReference(String field, Object id, Range range, SortOrder sort, Map<String, ?> filter,
			boolean includeDeleted) {
		if (!this.model.has(field)) {
			throw ServiceException.invalid("target", FieldError.UNKNOWN_FIELD,
					"'" + field + "' is not a field of " + this.model.name());
		}
		Map<String, Object> withTarget = new LinkedHashMap<>((filter != null) ? filter : Map.of());
		withTarget.put(field, id);
		return getList(range, sort, withTarget, includeDeleted);
	}

	/**
	 * Applies several updates, all or none.
	 * @param updates the records and their changes
	 * @return the updated records, in order
	 * @throws ServiceException 404 when a record is missing (nothing is changed), 400
	 */
	public List<E> bulkUpdate(List<BulkUpdate> updates) {
		return write(() -> {
			List<E> updated = new ArrayList<>(updates.size());
			for (int i = 0; i < updates.size(); i++) {
				BulkUpdate update = updates.get(i);
				int entry = i;
				try {
					updated.add(change(update.id(), (entity) -> this.binder.bind(entity, update.data(), false)));
				}
				catch (ServiceException ex) {
					throw ex.forEntry(entry);
				}
				catch (PersistenceException ex) {
					throw ConstraintFailures.translate(ex, this.model, false)
						.map((failure) -> failure.forEntry(entry))
						.orElseThrow(() -> ex);
				}
			}
			return updated;
		}, false, true);
	}

	/**
	 * Deletes the records with the given ids, all or none; ids with no (live) record are
	 * skipped.
	 * @param ids the ids
	 * @return the deleted records
	 */
	public List<E> bulkDelete(Collection<String> ids) {
		return bulkDelete(ids, !this.model.isSoftDeletable());
	}

	/**
	 * Deletes the records with the given ids, all or none; ids with no record are
	 * skipped.
	 * @param ids the ids
	 * @param permanent remove the rows rather than set {@code deletedAt}
	 * @return the deleted records
	 */
	public List<E> bulkDelete(Collection<String> ids, boolean permanent) {
		requireSoftDeleteSupport(permanent);
		return write(() -> {
			List<E> deleted = new ArrayList<>();
			for (String id : new LinkedHashSet<>(ids)) {
				find(id, permanent).ifPresent((entity) -> {
					remove(entity, permanent);
					deleted.add(entity);
				});
			}
			return deleted;
		}, true, false);
	}

	/**
	 * The condition of a list page, after checking the order and the associations to
	 * embed: the filter, and the joins that load those associations.
	 */
	private Specification<E> listCondition(SortOrder sort, Map<String, ?> filter, boolean includeDeleted,
			Collection<String> embed) {
		checkEmbed(embed);
		if (!this.model.has(sort.field())) {
			throw ServiceException.invalid("sort", FieldError.UNKNOWN_FIELD,
					"'" + sort.field() + "' is not a field of " + this.model.name() + " to sort by");
		}
		return this.filters.toSpecification(filter, includeDeleted).and(fetching(List.copyOf(embed)));
	}

	private void checkEmbed(Collection<String> embed) {
		for (String association : embed) {
			if (!this.model.hasAssociation(association)) {
				throw ServiceException.invalid("embed", FieldError.UNKNOWN_FIELD,
						"'" + association + "' is not a to-one association of " + this.model.name());
			}
		}
	}

	/** Joins the associations into the page query (not into the count query). */
	private Specification<E> fetching(List<String> embed) {
		return (root, query, cb) -> {
			Class<?> result = query.getResultType();
			if (result != Long.class && result != long.class) {
				embed.forEach((association) -> root.fetch(association, JoinType.LEFT));
			}
			return null;
		};
	}

	/**
	 * A record as JSON with the named associations nested under their names.
	 * @param entity a record loaded with them
	 * @param embed the association names
	 * @return the JSON object
	 */
	JsonNode withEmbedded(E entity, Collection<String> embed) {
		ObjectNode node = this.services.strictMapper().valueToTree(entity);
		for (String association : embed) {
			Object related = Hibernate.unproxy(this.model.getAssociation(entity, association));
			node.set(association, this.services.strictMapper().valueToTree(related));
		}
		return node;
	}

	private E insert(E entity, List<FieldError> bindingErrors) {
		List<FieldError> errors = new ArrayList<>(bindingErrors);
		errors.addAll(this.services.automaticFields().onCreate(this.model, entity, this.entityManager));
		validate(entity, errors);
		this.entityManager.persist(entity);
		this.entityManager.flush();
		return entity;
	}

	private E change(String id, Function<? super E, List<FieldError>> change) {
		E entity = find(id, false).orElseThrow(() -> ServiceException.notFound(this.model.name(), id));
		List<FieldError> bindingErrors = change.apply(entity);
		this.services.automaticFields().onUpdate(this.model, entity);
		validate(entity, bindingErrors);
		this.entityManager.flush();
		return entity;
	}

	private void remove(E entity, boolean permanent) {
		if (permanent) {
			this.entityManager.remove(entity);
		}
		else {
			this.model.set(entity, EntityModel.DELETED_AT, this.services.automaticFields().now());
		}
		this.entityManager.flush();
	}

	private Optional<E> find(String id, boolean includeDeleted) {
		E entity = this.entityManager.find(this.model.type(), id);
		return (entity == null || (!includeDeleted && this.model.isDeleted(entity))) ? Optional.empty()
				: Optional.of(entity);
	}

	private void requireSoftDeleteSupport(boolean permanent) {
		if (!permanent && !this.model.isSoftDeletable()) {
			throw ServiceException.badRequest(
					this.model.name() + " records cannot be soft-deleted: they have no deletedAt; delete permanently");
		}
	}

	/**
	 * Throws a 400 naming every bad field: those the binder could not set and those the
	 * entity's constraints reject.
	 */
	private void validate(E entity, List<FieldError> bindingErrors) {
		List<FieldError> errors = new ArrayList<>(bindingErrors);
		Set<String> unbound = bindingErrors.stream().map(FieldError::field).collect(Collectors.toSet());
		Validation.toFieldErrors(this.services.validator().validate(entity))
			.stream()
			.filter((error) -> !unbound.contains(error.field()))
			.forEach(errors::add);
		if (!errors.isEmpty()) {
			throw ServiceException.invalid(errors);
		}
	}

	private <T> T read(Supplier<T> work) {
		return this.reads.execute((status) -> work.get());
	}

	/**
	 * Runs work in a write transaction.
	 * @param work the work
	 * @param deleting whether it deletes (a foreign key failure then means "still
	 * referenced")
	 * @param fieldsOnly whether it changes only fields of existing rows, so that the
	 * unfiltered total stays right
	 */
	private <T> T write(Supplier<T> work, boolean deleting, boolean fieldsOnly) {
		try {
			return this.writeTransactions.execute((status) -> work.get());
		}
		catch (PersistenceException | DataAccessException ex) {
			throw ConstraintFailures.translate(ex, this.model, deleting).orElseThrow(() -> ex);
		}
		finally {
			// after the commit, so that no count taken before it is cached as current
			if (!fieldsOnly) {
				this.rowChanges.incrementAndGet();
			}
			this.writes.incrementAndGet();
		}
	}

}
