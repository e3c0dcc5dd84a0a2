package io.flarekit.core.service;

import java.util.concurrent.CompletableFuture;

import io.flarekit.IntegrationTest;
import io.flarekit.users.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * List totals are reused until the service writes to the entity: a write through the
 * service is seen at once, a write that bypasses it only after the cache's time to live.
 */
@TestPropertySource(properties = "flarekit.api.count-cache-ttl=1h")
class CountCacheTest extends IntegrationTest {

	@Autowired
	private CrudServices services;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private ApplicationContext context;

	private String total(String query) {
		return get("/users?range=" + q("[0,1]") + query).header("X-Total-Count");
	}

	@Test
	void totalsAreCountedAheadOnBootsTaskExecutorNotOnTheRequestThread() {
		assertThat(this.services.parts().countsAhead()).isSameAs(this.context.getBean("applicationTaskExecutor"));
	}

	@Test
	void totalsFollowTheServicesOwnWritesAtOnce() {
		for (int i = 0; i < 3; i++) {
			create("/users", "{\"name\":\"n" + i + "\",\"email\":\"c" + i + "@example.com\"}");
		}
		assertThat(total("")).isEqualTo("3");
		this.jdbc.update(
				"insert into users (id, name, email, created_at) values ('sql', 'S', 's@example.com', '2024-01-01 00:00:00.000')");
		assertThat(total("")).as("a write that bypasses the service waits for the time to live").isEqualTo("3");
		assertThat(total("&includeDeleted=true")).as("another key counts afresh").isEqualTo("4");
		String id = create("/users", "{\"name\":\"n\",\"email\":\"new@example.com\"}").get("id").stringValue();
		assertThat(total("")).isEqualTo("5");
		assertThat(delete("/users/" + id).status()).isEqualTo(200);
		assertThat(total("")).isEqualTo("4");
		assertThat(total("&filter=" + q("{\"name\":\"S\"}"))).isEqualTo("1");
	}

	@Test
	void aTotalCountedBeforeTheCallersTransactionCommitsIsNotCachedAsCurrent() {
		for (int i = 0; i < 3; i++) {
			create("/users", "{\"name\":\"n" + i + "\",\"email\":\"t" + i + "@example.com\"}");
		}
		assertThat(total("")).isEqualTo("3");
		BaseService<User> users = this.services.forEntity(User.class);
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			users.create(JSON.readTree("{\"name\":\"late\",\"email\":\"late@example.com\"}"));
			// the service's call is over, its write not yet committed: another client
			// counts
			String during = CompletableFuture.supplyAsync(() -> total("")).join();
			assertThat(during).as("the write is not committed yet").isEqualTo("3");
		});
		assertThat(total("")).as("once committed, the total counted meanwhile is stale").isEqualTo("4");
	}

	@Test
	void updatesKeepTheUnfilteredTotalButRenewFilteredOnes() {
		String id = null;
		for (int i = 0; i < 3; i++) {
			id = create("/users", "{\"name\":\"same\",\"email\":\"u" + i + "@example.com\"}").get("id").stringValue();
		}
		String same = "&filter=" + q("{\"name\":\"same\"}");
		assertThat(total("")).isEqualTo("3");
		assertThat(total(same)).isEqualTo("3");
		this.jdbc.update("insert into users (id, name, email, created_at) "
				+ "values ('sql', 'same', 's@example.com', '2024-01-01 00:00:00.000')");
		assertThat(put("/users/" + id, "{\"name\":\"renamed\"}").status()).isEqualTo(200);
		assertThat(total("")).as("an update cannot change how many rows the whole list has").isEqualTo("3");
		assertThat(total(same)).as("it can change which rows a filter matches: counted afresh").isEqualTo("3");
		assertThat(patch("/users", "[{\"id\":\"sql\",\"data\":{\"name\":\"other\"}}]").status()).isEqualTo(200);
		assertThat(total(same)).isEqualTo("2");
		assertThat(total("")).isEqualTo("3");
		String created = create("/users", "{\"name\":\"n\",\"email\":\"n@example.com\"}").get("id").stringValue();
		assertThat(total("")).as("a create renews it").isEqualTo("5");
		assertThat(delete("/users/" + created).status()).isEqualTo(200);
		assertThat(total("")).as("so does a delete").isEqualTo("4");
	}

}
