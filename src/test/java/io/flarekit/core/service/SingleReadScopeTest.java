package io.flarekit.core.service;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.flarekit.IntegrationTest;
import io.flarekit.users.User;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.orm.jpa.EntityManagerProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A read of one statement outside any transaction ({@link SingleReadScope}): on a reader
 * connection, with a read-only persistence context, and nothing left on the thread after,
 * even when the work fails; inside a caller's transaction it reads in that transaction.
 */
class SingleReadScopeTest extends IntegrationTest {

	@Autowired
	CrudServices services;

	@Autowired
	PlatformTransactionManager transactionManager;

	@AfterEach
	void threadIsClean() {
		assertThat(TransactionSynchronizationManager.getResourceMap()).isEmpty();
		assertThat(TransactionSynchronizationManager.isCurrentTransactionReadOnly()).isFalse();
		assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();
	}

	@Test
	void aSingleReadIsReadOnlyAndOnAReader() {
		String id = create("/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").get("id").stringValue();
		ServiceParts parts = this.services.parts();
		List<Object> seen = parts.transactions().readOne(() -> {
			Session session = parts.entityManager().unwrap(Session.class);
			User user = session.find(User.class, id);
			boolean connectionReadOnly = session.doReturningWork((connection) -> {
				if (onPostgres()) {
					return false;
				}
				try (Statement statement = connection.createStatement()) {
					statement.executeUpdate("update users set name = 'x' where 0");
					return false;
				}
				catch (SQLException ex) {
					return ex.getMessage().contains("readonly");
				}
			});
			// Hibernate's own entity manager, not one wrapped in Spring's proxies: the
			// scope is there to spare them
			Object bound = TransactionSynchronizationManager.getResourceMap()
				.values()
				.stream()
				.filter(EntityManagerHolder.class::isInstance)
				.map((holder) -> ((EntityManagerHolder) holder).getEntityManager())
				.findFirst()
				.orElseThrow();
			return List.of(session.isReadOnly(user), session.getHibernateFlushMode(), connectionReadOnly,
					TransactionSynchronizationManager.isActualTransactionActive(), bound instanceof EntityManagerProxy);
		});
		// PostgreSQL has one pool; SQLite's readers are opened read-only
		assertThat(seen).containsExactly(true, FlushMode.MANUAL, !onPostgres(), false, false);
		assertThat(this.services.forEntity(User.class).getById(id, false)).get()
			.extracting(User::getName)
			.isEqualTo("Ada");
	}

	@Test
	void insideACallersTransactionItReadsInThatTransaction() {
		BaseService<User> users = this.services.forEntity(User.class);
		Boolean seesItsOwnWrite = new TransactionTemplate(this.transactionManager).execute((status) -> {
			User created = users.create(JSON.readTree("{\"name\":\"Bea\",\"email\":\"bea@example.com\"}"));
			boolean found = users.getById(created.getId(), false).isPresent();
			status.setRollbackOnly();
			return found;
		});
		assertThat(seesItsOwnWrite).as("a read on a reader would not see the uncommitted row").isTrue();
	}

	@Test
	void aFailedReadLeavesNothingBehind() {
		ServiceParts parts = this.services.parts();
		assertThatThrownBy(() -> parts.transactions().readOne(() -> {
			throw new IllegalStateException("failed");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(parts.transactions().readOne(() -> parts.entityManager().unwrap(Session.class).isDefaultReadOnly()))
			.isTrue();
	}

}
