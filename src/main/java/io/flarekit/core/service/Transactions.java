package io.flarekit.core.service;

import java.util.function.Supplier;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The two kinds of transaction the services run: read-only ones, which the data source
 * may route to read-only connections, and write ones, which join the caller's transaction
 * when there is one.
 */
final class Transactions {

	private final TransactionTemplate writes;

	private final TransactionTemplate reads;

	Transactions(PlatformTransactionManager transactionManager) {
		this.writes = new TransactionTemplate(transactionManager);
		this.reads = new TransactionTemplate(transactionManager);
		this.reads.setReadOnly(true);
	}

	TransactionTemplate reads() {
		return this.reads;
	}

	<T> T read(Supplier<T> work) {
		return this.reads.execute((status) -> work.get());
	}

	/**
	 * Runs work in a write transaction.
	 * @param work the work
	 * @param afterCompletion runs once the outermost transaction has committed or rolled
	 * back: after the caller's, when the work joined one
	 * @return what the work returned
	 */
	<T> T write(Supplier<T> work, Runnable afterCompletion) {
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

}
