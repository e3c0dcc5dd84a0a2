package io.flarekit.users;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 32 clients writing at once: every write succeeds (none sees "database is locked"), and
 * the database holds exactly what was acknowledged.
 */
class ConcurrentWritersTest extends IntegrationTest {

	private static final int WRITERS = 32;

	private static final int CREATES_EACH = 15;

	@Test
	void thirtyTwoWritersAllSucceedAndCountsAreExact() throws Exception {
		String shared = create("/users", "{\"name\":\"shared\",\"email\":\"shared@example.com\"}").get("id")
			.stringValue();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
		List<Future<List<Response>>> results = new ArrayList<>();
		for (int w = 0; w < WRITERS; w++) {
			int writer = w;
			Callable<List<Response>> work = () -> {
				start.await();
				List<Response> responses = new ArrayList<>();
				for (int i = 0; i < CREATES_EACH; i++) {
					responses.add(post("/users",
							"{\"name\":\"w" + writer + "\",\"email\":\"w" + writer + "-" + i + "@example.com\"}"));
					responses.add(patch("/users/" + shared, "{\"name\":\"by w" + writer + " #" + i + "\"}"));
					responses.add(get("/users?filter=" + q("{\"name\":\"w" + writer + "\"}")));
				}
				return responses;
			};
			results.add(pool.submit(work));
		}
		start.countDown();
		List<Response> all = new ArrayList<>();
		for (Future<List<Response>> result : results) {
			all.addAll(result.get(2, TimeUnit.MINUTES));
		}
		pool.shutdown();

		assertThat(all).hasSize(WRITERS * CREATES_EACH * 3);
		assertThat(all).allSatisfy((response) -> {
			assertThat(response.status()).as(response.body()).isIn(200, 201);
			assertThat(response.body()).doesNotContainIgnoringCase("locked").doesNotContain("SQLITE_BUSY");
		});
		assertThat(this.jdbc.queryForObject("select count(*) from users where name like 'w%'", Integer.class))
			.isEqualTo(WRITERS * CREATES_EACH);
		for (int w = 0; w < WRITERS; w++) {
			Response list = get("/users?filter=" + q("{\"name\":\"w" + w + "\"}"));
			assertThat(list.header("X-Total-Count")).isEqualTo(Integer.toString(CREATES_EACH));
		}
		assertThat(get("/users/" + shared).json().get("name").stringValue()).startsWith("by w");
	}

}
