package io.flarekit.core.query;

import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.query.criteria.JpaCriteriaQuery;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.query.QueryUtils;
import org.springframework.data.jpa.repository.support.SimpleJpaRepository;

/**
 * Spring Data's repository with two changes. Counts are {@code count(1)} rather than
 * {@code count(id)}: SQLite answers the former from the narrowest index that covers the
 * condition; the latter reads every row's id from the table (measured 3.5 times slower on
 * 100,000 users; see docs/benchmarks.md). And a page's size is written into its SQL
 * ({@link #findPage}), where Spring Data binds it.
 *
 * @param <E> the entity type
 */
final class CountingRepository<E> extends SimpleJpaRepository<E, String> {

	private final EntityManager entityManager;

	CountingRepository(Class<E> type, EntityManager entityManager) {
		super(type, entityManager);
		this.entityManager = entityManager;
	}

	/**
	 * One page of rows, without counting the whole list. The page's size is a number in
	 * the SQL ({@code limit 10}), not a bound parameter, and the offset is bound only
	 * when it is not 0 (every keyset page starts at 0): SQLite compiled a statement with
	 * a bound limit again on every execution, and PostgreSQL, which cannot cost a generic
	 * plan for an unknown limit or offset, planned such pages anew every time
	 * (docs/decisions.md). Each page size is its own query; a client has few.
	 * @param specification the condition
	 * @param page the offset, size and order
	 * @return the rows of the page
	 */
	List<E> findPage(Specification<E> specification, Pageable page) {
		HibernateCriteriaBuilder builder = (HibernateCriteriaBuilder) this.entityManager.getCriteriaBuilder();
		JpaCriteriaQuery<E> query = builder.createQuery(getDomainClass());
		Root<E> root = from(query, getDomainClass(), specification, builder);
		query.select(root).orderBy(QueryUtils.toOrders(page.getSort(), root, builder));
		if (page.getOffset() > 0) {
			// in the query, not setFirstResult: that would drop the query's own fetch
			query.offset(Math.toIntExact(page.getOffset()));
		}
		query.fetch(builder.literal(page.getPageSize()));
		return this.entityManager.createQuery(query).getResultList();
	}

	@Override
	protected <S extends E> TypedQuery<Long> getCountQuery(Specification<S> specification, Class<S> domainClass) {
		CriteriaBuilder builder = this.entityManager.getCriteriaBuilder();
		CriteriaQuery<Long> query = builder.createQuery(Long.class);
		from(query, domainClass, specification, builder);
		query.select(builder.count(builder.literal(1)));
		return this.entityManager.createQuery(query);
	}

	/**
	 * The query's root, with the specification's condition as its {@code where}, as
	 * Spring Data applies it (its own way is private).
	 */
	private static <S> Root<S> from(CriteriaQuery<?> query, Class<S> type, Specification<S> specification,
			CriteriaBuilder builder) {
		Root<S> root = query.from(type);
		Predicate condition = (specification != null) ? specification.toPredicate(root, query, builder) : null;
		if (condition != null) {
			query.where(condition);
		}
		return root;
	}

}
