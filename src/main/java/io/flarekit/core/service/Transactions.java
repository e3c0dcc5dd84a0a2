package io.flarekit.core.service;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.flarekit.core.error.SerializationFailure;
import io.flarekit.core.query.StatementScope;
import jakarta.persistence.EntityManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The kinds of transaction the services run: read-only ones, which the data source may
 * route to read-only connections; single reads, which run their one statement without a
 * transaction of their own (no {@code BEGIN}/{@code COMMIT} around it) on those same
 * connections; and write ones, which join the caller's transaction when there is one. A
 * write transaction of its own that the database refuses for a serialization failure or a
 * deadlock ({@link SerializationFailure}) is run again from the start, up to
 * {@code flarekit.database.retries} times; one that joined a caller's is not, since only
 * the caller's whole transaction can be run again.
 */
final class Transactions implements StatementScope {

	private static final Logger log = LoggerFactory.getLogger(Transactions.class);

	private final TransactionTemplate writes;

	private final TransactionTemplate reads;

	private final TransactionTemplate singleReads;

	private final SingleReadScope singleReadScope;

	private final TransactionRetries retries;

	Transactions(PlatformTransactionManager transactionManager, EntityManagerFactory entityManagerFactory,
			TransactionRetries retries) {
		this.writes = new TransactionTemplate(transactionManager);
		this.reads = new TransactionTemplate(transactionManager);
		this.reads.setReadOnly(true);
		// a read-only scope with a read-only persistence context (no snapshots, no flush)
		// but no transaction: the statement autocommits, or joins the caller's
		// transaction
		this.singleReads = new TransactionTemplate(transactionManager);
		this.singleReads.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
		this.singleReads.setReadOnly(true);
		this.singleReadScope = new SingleReadScope(entityManagerFactory);
		this.retries = retries;
	}

	/** Runs work that sends several statements in one read-only transaction. */
	<T> T read(Supplier<T> work) {
		return this.reads.execute((status) -> work.get());
	}

	/**
	 * Runs work that sends one statement, without a transaction of its own: in a
	 * {@link SingleReadScope}, or in the caller's transaction when there is one.
	 */
	@Override
	public <T> T readOne(Supplier<T> work) {
		if (this.singleReadScope.inCallersScope()) {
			// not work.get(): where the caller bound an entity manager without a
			// transaction (open-in-view), the template still marks the thread read-only
			// for the data source, which then hands out a reader
			return this.singleReads.execute((status) -> work.get());
		}
		return this.singleReadScope.run(work);
	}

	/**
	 * Runs work in a write transaction.
	 * @param work the work
	 * @param afterCompletion runs once the outermost transaction has committed or rolled
	 * back: after the caller's, when the work joined one
	 * @param rerunnable whether the work may run again from the start when the database
	 * refuses its transaction: it reads what it needs within the transaction and changes
	 * nothing outside it that a rerun would repeat
	 * @return what the work returned
	 */
	<T> T write(Supplier<T> work, Runnable afterCompletion, boolean rerunnable) {
		if (!rerunnable || TransactionSynchronizationManager.isActualTransactionActive()) {
			return once(work, afterCompletion);
		}
		for (int attempt = 1;; attempt++) {
			try {
				return once(work, afterCompletion);
			}
			catch (RuntimeException ex) {
				if (attempt > this.retries.retries() || !SerializationFailure.isCause(ex)) {
					throw ex;
				}
				log.debug("Running a transaction again (attempt {}) after {}", attempt + 1, ex.toString());
				pause(attempt, ex);
			}
		}
	}

	private <T> T once(Supplier<T> work, Runnable afterCompletion) {
		return this.writes.execute((status) -> {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int completion) {
					afterCompletion.run();
				}

			});
			return work.get();
		});
	}

	/**
	 * Waits a random part of the backoff, doubled for each failed attempt up to 32 times
	 * the backoff, so that the transactions that conflicted do not meet again at once and
	 * a request never waits long between two runs.
	 */
	private void pause(int failedAttempts, RuntimeException failure) {
		Duration longest = this.retries.retryBackoff().multipliedBy(1L << Math.min(failedAttempts - 1, 5));
		long nanos = ThreadLocalRandom.current().nextLong(longest.toNanos() + 1);
		try {
			Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure;
		}
	}

}
