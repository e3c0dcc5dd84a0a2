package io.flarekit.core.query;

import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.support.SimpleJpaRepository;

/**
 * Spring Data's repository with one change: counts are {@code count(1)} rather than
 * {@code count(id)}. SQLite answers the former from the narrowest index that covers the
 * condition; the latter reads every row's id from the table (measured 3.5 times slower on
 * 100,000 users; see docs/benchmarks.md).
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
	 * One page of rows, without counting the whole list.
	 * @param specification the condition
	 * @param page the offset, size and order
	 * @return the rows of the page
	 */
	List<E> findPage(Specification<E> specification, Pageable page) {
		TypedQuery<E> query = getQuery(specification, page);
		query.setFirstResult(Math.toIntExact(page.getOffset()));
		query.setMaxResults(page.getPageSize());
		return query.getResultList();
	}

	@Override
	protected <S extends E> TypedQuery<Long> getCountQuery(Specification<S> specification, Class<S> domainClass) {
		CriteriaBuilder builder = this.entityManager.getCriteriaBuilder();
		CriteriaQuery<Long> query = builder.createQuery(Long.class);
		Root<S> root = query.from(domainClass);
		Predicate condition = (specification != null) ? specification.toPredicate(root, query, builder) : null;
		if (condition != null) {
			query.where(condition);
		}
		query.select(builder.count(builder.literal(1)));
		return this.entityManager.createQuery(query);
	}

}
