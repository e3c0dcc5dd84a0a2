package io.flarekit.core.query;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.model.EntityModel;
import io.flarekit.core.service.OwnerScope;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.JoinType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.jpa.domain.Specification;

/**
 * The reading side of one entity's service: lookups by filter, counts, pages by offset
 * with their totals, and pages by keyset. Each query is one statement, run in a read-only
 * scope without a transaction of its own (or in the caller's); filters, sort fields and
 * associations are checked against the entity first.
 *
 * @param <E> the entity type
 */
public final class ListQueries<E> {

	private final EntityModel<E> model;

	private final CountingRepository<E> repository;

	private final Filters<E> filters;

	private final JsonMapper mapper;

	private final StatementScope reads;

	private final int maxPageSize;

	private final CountCache counts;

	private final OwnerScope owners;

	/**
	 * The queries of one entity.
	 * @param model the entity
	 * @param entityManager the shared entity manager
	 * @param strictMapper converts filter and cursor values to attribute types
	 * @param reads runs each read, one statement
	 * @param maxPageSize the most rows one page has
	 * @param countCacheTtl how long a total may be reused, see {@link #written}
	 * @param countsAhead runs the counts of totals about to expire in the background
	 * @param owners whose records the caller may reach
	 * @param folding how the database lowers text for searches
	 */
	public ListQueries(EntityModel<E> model, EntityManager entityManager, JsonMapper strictMapper, StatementScope reads,
			int maxPageSize, Duration countCacheTtl, Executor countsAhead, OwnerScope owners, CaseFolding folding) {
		this.model = model;
		this.repository = new CountingRepository<>(model.type(), entityManager);
		this.filters = new Filters<>(model, strictMapper, folding);
		this.mapper = strictMapper;
		this.reads = reads;
		this.maxPageSize = maxPageSize;
		this.counts = new CountCache(countCacheTtl, strictMapper, countsAhead, System::nanoTime);
		this.owners = owners;
	}

	/**
	 * The first record that matches a filter.
	 * @param filter the conditions, see {@link Filters}
	 * @param includeDeleted whether soft-deleted records match
	 * @return the record, or empty
	 */
	public Optional<E> first(Map<String, ?> filter, boolean includeDeleted) {
		Specification<E> condition = condition(filter, includeDeleted);
		return read(() -> this.repository.findAll(condition).stream().findFirst());
	}

	/**
	 * Every record that matches a filter, in no particular order.
	 * @param filter the conditions
	 * @param includeDeleted whether soft-deleted records match
	 * @return the records
	 */
	public List<E> all(Map<String, ?> filter, boolean includeDeleted) {
		Specification<E> condition = condition(filter, includeDeleted);
		return read(() -> this.repository.findAll(condition));
	}

	/**
	 * How many records match a filter, counted now.
	 * @param filter the conditions
	 * @param includeDeleted whether soft-deleted records count
	 * @return the count
	 */
	public long count(Map<String, ?> filter, boolean includeDeleted) {
		Specification<E> condition = condition(filter, includeDeleted);
		return read(() -> this.repository.count(condition));
	}

	/**
	 * One page by offset, with the total of the list: derived from the page where it can
	 * be, else counted or taken from the count cache.
	 * @param range the rows, capped at the maximum page size
	 * @param sort the order
	 * @param filter the conditions
	 * @param includeDeleted whether soft-deleted records match
	 * @param embed to-one associations to load in the same query
	 * @return the page and the total
	 * @throws ServiceException 400 naming an unknown sort, filter or association
	 */
	public ListResult<E> page(Range range, SortOrder sort, Map<String, ?> filter, boolean includeDeleted,
			Collection<String> embed) {
		Map<String, ?> conditions = (filter != null) ? filter : Map.of();
		Specification<E> specification = listCondition(sort, conditions, includeDeleted, embed);
		Range capped = range.cappedAt(this.maxPageSize);
		OffsetPageable page = new OffsetPageable(capped.start(), (int) capped.size(), sort.toSort(this.model));
		List<E> rows = read(() -> this.repository.findPage(specification, page));
		long total;
		if (!rows.isEmpty() && rows.size() < capped.size()) {
			total = capped.start() + rows.size();
		}
		else if (rows.isEmpty() && capped.start() == 0) {
			total = 0;
		}
		else {
			// the page's condition; its joins are left out of a count
			total = this.counts.total(conditions, includeDeleted, this.owners.owner().orElse(null),
					() -> read(() -> this.repository.count(specification)));
		}
		return new ListResult<>(rows, capped.start(), total);
	}

	/**
	 * One page of the records that point at another record through {@code field}.
	 * @param field the attribute holding the other record's id
	 * @param id the other record's id
	 * @param range the rows to return
	 * @param sort the order
	 * @param filter further conditions
	 * @param includeDeleted whether soft-deleted records match
	 * @return the page and the total number of matches
	 * @throws ServiceException 400 on {@code target} when {@code field} is not an
	 * attribute
	 */
	public ListResult<E> pageReferencing(String field, Object id, Range range, SortOrder sort, Map<String, ?> filter,
			boolean includeDeleted) {
		if (!this.model.has(field)) {
			throw ServiceException.invalid("target", FieldError.UNKNOWN_FIELD,
					"'" + field + "' is not a field of " + this.model.name());
		}
		Map<String, Object> withTarget = new LinkedHashMap<>((filter != null) ? filter : Map.of());
		withTarget.put(field, id);
		return page(range, sort, withTarget, includeDeleted, List.of());
	}

	/**
	 * One page of a keyset walk: the rows after a cursor (or the first rows).
	 * @param cursor where the page starts, or null for the first page
	 * @param limit how many rows, at least 1; capped at the maximum page size
	 * @param sort the order, the one the cursor was made for
	 * @param filter the conditions
	 * @param includeDeleted whether soft-deleted records are included
	 * @param embed to-one associations to load with the rows
	 * @return the rows and the cursor of the next page
	 * @throws ServiceException 400 naming {@code cursor}, {@code limit}, {@code sort} or
	 * the filter field that is wrong
	 */
	public KeysetPage<E> pageAfter(Cursor cursor, int limit, SortOrder sort, Map<String, ?> filter,
			boolean includeDeleted, Collection<String> embed) {
		Specification<E> specification = listCondition(sort, filter, includeDeleted, embed);
		if (limit < 1) {
			throw ServiceException.invalid("limit", FieldError.INVALID_VALUE, "must be at least 1");
		}
		int size = Math.min(limit, this.maxPageSize);
		if (cursor != null) {
			if (!cursor.sort().equals(sort)) {
				throw ServiceException.invalid(Cursor.PARAMETER, FieldError.INVALID_VALUE,
						"was made for the order [\"" + cursor.sort().field() + "\",\"" + cursor.sort().direction()
								+ "\"]: ask with that sort, or start again without a cursor");
			}
			specification = specification.and(cursor.toSpecification(this.model, this.mapper));
		}
		// one row more than asked tells whether there is a next page
		OffsetPageable page = new OffsetPageable(0, size + 1, sort.toSort(this.model));
		Specification<E> condition = specification;
		List<E> rows = read(() -> this.repository.findPage(condition, page));
		if (rows.size() <= size) {
			return new KeysetPage<>(rows, null);
		}
		return new KeysetPage<>(List.copyOf(rows.subList(0, size)), cursorAfter(rows.get(size - 1), sort));
	}

	/**
	 * The cursor of the page after a record.
	 * @param last the last record of a page
	 * @param sort the order of that page
	 * @return the cursor
	 */
	public Cursor cursorAfter(E last, SortOrder sort) {
		return Cursor.after(this.model, last, sort, this.mapper);
	}

	/**
	 * Checks that every name is a to-one association of the entity.
	 * @param embed association names
	 * @throws ServiceException 400 on {@code embed} naming one that is not
	 */
	public void checkEmbed(Collection<String> embed) {
		for (String association : embed) {
			if (!this.model.hasAssociation(association)) {
				throw ServiceException.invalid("embed", FieldError.UNKNOWN_FIELD,
						"'" + association + "' is not a to-one association of " + this.model.name());
			}
		}
	}

	/**
	 * Marks the cached totals as stale; call once a write is committed.
	 * @param rowsChanged whether it may have added or removed rows
	 */
	public void written(boolean rowsChanged) {
		this.counts.written(rowsChanged);
	}

	/**
	 * The condition of a list page, after checking the order and the associations to
	 * embed: the filter, and the joins that load those associations.
	 */
	private Specification<E> listCondition(SortOrder sort, Map<String, ?> filter, boolean includeDeleted,
			Collection<String> embed) {
		checkEmbed(embed);
		if (!this.model.has(sort.field())) {
			throw sort.unknownField(this.model);
		}
		return condition(filter, includeDeleted).and(fetching(List.copyOf(embed)));
	}

	/**
	 * A filter's condition, limited to the caller's records when an access rule admitted
	 * it only as their owner.
	 */
	private Specification<E> condition(Map<String, ?> filter, boolean includeDeleted) {
		return this.filters.toSpecification(filter, includeDeleted).and(owned());
	}

	/**
	 * The caller's records only, when it is limited to its own; none at all of an entity
	 * whose records have no owner.
	 */
	private Specification<E> owned() {
		String owner = this.owners.owner().orElse(null);
		if (owner == null) {
			return (root, query, cb) -> null;
		}
		if (!this.model.has(EntityModel.OWNER_ID)) {
			return (root, query, cb) -> cb.disjunction();
		}
		return (root, query, cb) -> cb.equal(root.get(EntityModel.OWNER_ID), owner);
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

	private <T> T read(Supplier<T> work) {
		return this.reads.readOne(work);
	}

}
