package io.flarekit.core.service;

import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.FlushMode;
import org.hibernate.Session;

import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The scope of a read that sends one statement, outside any transaction: a read-only
 * entity manager (no snapshots, never flushed) bound to the thread for the work's shared
 * entity manager to use, the thread marked read-only so that the connection comes from a
 * reader, and everything closed after. This is what a {@code SUPPORTS}, read-only
 * {@code TransactionTemplate} does for such a read, without the parts a read of one
 * statement does not use: a transaction status, synchronizations registered and run, and
 * an entity manager made through two proxies (docs/benchmarks.md measured them at a few
 * percent of a point read's CPU). Inside a caller's transaction or scope, the work runs
 * in that, as before.
 */
final class SingleReadScope {

	private final EntityManagerFactory sharedFactory;

	private final EntityManagerFactory nativeFactory;

	/**
	 * @param sharedFactory the factory the shared entity manager was made from: the key
	 * it finds a thread's entity manager by
	 */
	SingleReadScope(EntityManagerFactory sharedFactory) {
		this.sharedFactory = sharedFactory;
		// Spring's factory is a proxy that answers unwrap(SessionFactory) with itself
		// and wraps every entity manager it makes in another proxy
		this.nativeFactory = (sharedFactory instanceof EntityManagerFactoryInfo info)
				? info.getNativeEntityManagerFactory() : sharedFactory;
	}

	/** Whether the thread has a transaction or an entity manager of its own already. */
	boolean inCallersScope() {
		return TransactionSynchronizationManager.isSynchronizationActive()
				|| TransactionSynchronizationManager.hasResource(this.sharedFactory);
	}

	/**
	 * Runs the work in a scope of its own; call only when {@link #inCallersScope()} is
	 * false.
	 */
	<T> T run(Supplier<T> work) {
		EntityManager entityManager = this.nativeFactory.createEntityManager();
		try {
			Session session = entityManager.unwrap(Session.class);
			session.setDefaultReadOnly(true);
			session.setHibernateFlushMode(FlushMode.MANUAL);
			boolean wasReadOnly = TransactionSynchronizationManager.isCurrentTransactionReadOnly();
			TransactionSynchronizationManager.bindResource(this.sharedFactory, new EntityManagerHolder(entityManager));
			TransactionSynchronizationManager.setCurrentTransactionReadOnly(true);
			try {
				return work.get();
			}
			finally {
				TransactionSynchronizationManager.setCurrentTransactionReadOnly(wasReadOnly);
				TransactionSynchronizationManager.unbindResource(this.sharedFactory);
			}
		}
		finally {
			EntityManagerFactoryUtils.closeEntityManager(entityManager);
		}
	}

}
