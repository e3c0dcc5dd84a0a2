package io.flarekit.users;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.flarekit.IntegrationTest;
import io.flarekit.SentStatements;
import io.flarekit.core.service.BaseService;
import io.flarekit.core.service.CrudServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An update reads its record outside the write transaction and writes it with
 * {@code where version = <the version read>}; when another write lands between the two,
 * it runs again from the read, this time inside the write transaction (as before issue
 * 14), so that it is not overtaken twice: a change without {@code If-Match} applies on
 * top of the other write (the last writer wins per field), one with {@code If-Match} then
 * answers 412. The other write holds a write transaction (on SQLite the single writer, on
 * PostgreSQL the row's lock) while the update reads, and commits after the update has
 * read.
 */
class UpdateRaceTest extends IntegrationTest {

	@Autowired
	CrudServices services;

	@Autowired
	PlatformTransactionManager transactionManager;

	@AfterEach
	void dropTrigger() {
		for (String table : List.of("users", "test_tags")) {
			this.jdbc.execute("drop trigger if exists stuck_" + table + (onPostgres() ? " on " + table : ""));
		}
	}

	/**
	 * A trigger that skips every update of a row of the table that would set its name to
	 * 'Stuck', as if another write always came between.
	 */
	private void skipUpdatesToStuck(String table) {
		if (onPostgres()) {
			this.jdbc.execute("create or replace function skip_row() returns trigger language plpgsql as $$ "
					+ "begin return null; end $$");
			this.jdbc.execute("create trigger stuck_" + table + " before update on " + table + " for each row "
					+ "when (new.name = 'Stuck') execute function skip_row()");
		}
		else {
			this.jdbc.execute("create trigger stuck_" + table + " before update on " + table
					+ " when new.name = 'Stuck' begin select raise(ignore); end");
		}
	}

	@Test
	void anUpdateOvertakenAfterItsReadRunsAgainOnTheNewerRecord() throws Exception {
		String id = create("/users", "{\"name\":\"Ann\",\"email\":\"ann@example.com\"}").get("id").stringValue();
		String requestId = "race-" + UUID.randomUUID();
		Response updated = overtaken(id, requestId, "{\"name\":\"Anna\"}");
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(updated.json().get("name").stringValue()).isEqualTo("Anna");
		assertThat(updated.json().get("email").stringValue()).as("the other write's field stays")
			.isEqualTo("ann@elsewhere.org");
		assertThat(updated.json().get("version").longValue()).isEqualTo(2);
		Response read = get("/users/" + id);
		assertThat(read.json()).isEqualTo(updated.json());
		assertThat(read.header("ETag")).isEqualTo(updated.header("ETag")).isEqualTo("\"2\"");
		List<SentStatements.Sent> sent = SentStatements.sentForWork(requestId);
		assertThat(sent).as(sent.toString())
			.extracting((statement) -> statement.sql().substring(0, 6).toLowerCase() + statement.inTransaction())
			.containsExactly("selectfalse", "updatetrue", "selecttrue", "updatetrue");
	}

	@Test
	void anUpdateWithIfMatchOvertakenAfterItsReadAnswers412() throws Exception {
		String id = create("/users", "{\"name\":\"Bo\",\"email\":\"bo@example.com\"}").get("id").stringValue();
		String requestId = "race-" + UUID.randomUUID();
		Response stale = overtaken(id, requestId, "{\"name\":\"Bob\"}", "If-Match", "\"0\"");
		assertThat(stale.status()).as(stale.body()).isEqualTo(412);
		assertThat(stale.json().get("errors").get("version").toString()).contains("1");
		Response read = get("/users/" + id);
		assertThat(read.json().get("name").stringValue()).as("nothing written").isEqualTo("Bo");
		assertThat(read.json().get("email").stringValue()).isEqualTo("ann@elsewhere.org");
		assertThat(read.header("ETag")).isEqualTo("\"1\"");
		List<SentStatements.Sent> sent = SentStatements.sentForWork(requestId);
		assertThat(sent).as("read, lost the race, read again in the writer, 412: " + sent)
			.extracting((statement) -> statement.sql().substring(0, 6).toLowerCase() + statement.inTransaction())
			.containsExactly("selectfalse", "updatetrue", "selecttrue");
	}

	/**
	 * A record that no UPDATE ever reaches (a trigger skips the row, as if another write
	 * always came between): the update runs once apart and once in the writer, whose
	 * flush then fails JPA's version check, the 412 of a write overtaken in a way the
	 * writer cannot prevent (another process); it never loops, and nothing is written.
	 */
	@Test
	void anUpdateOvertakenTwiceAnswers412AfterOneRerun() {
		String id = create("/users", "{\"name\":\"Cy\",\"email\":\"cy@example.com\"}").get("id").stringValue();
		skipUpdatesToStuck("users");
		String requestId = "stuck-" + UUID.randomUUID();
		Response stuck = put("/users/" + id, "{\"name\":\"Stuck\"}", "X-Request-Id", requestId);
		assertThat(stuck.status()).as(stuck.body()).isEqualTo(412);
		assertThat(stuck.json().get("errors").get("version").stringValue()).isEqualTo("was changed meanwhile");
		assertThat(SentStatements.ofWork(requestId)).as("a read and an update, twice")
			.extracting((sql) -> sql.substring(0, 6).toLowerCase())
			.containsExactly("select", "update", "select", "update");
		Response read = get("/users/" + id);
		assertThat(read.json().get("name").stringValue()).isEqualTo("Cy");
		assertThat(read.header("ETag")).isEqualTo("\"0\"");
	}

	/**
	 * The same for an entity written whole (its own {@code UPDATE}): Hibernate's update
	 * of the whole entity finds no row at the version read, which is the same overtaken
	 * write, run once more in the writer and then 412; the record keeps its name and
	 * version.
	 */
	@Test
	void anUpdateWrittenWholeOvertakenTwiceAnswers412AfterOneRerun() {
		String tag = create("/test-tags", "{\"name\":\"t\"}").get("id").stringValue();
		Response renamed = put("/test-tags/" + tag, "{\"name\":\"u\"}");
		assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
		assertThat(renamed.header("ETag")).isEqualTo("\"1\"");
		assertThat(get("/test-tags/" + tag).json().get("name").stringValue()).isEqualTo("u");
		skipUpdatesToStuck("test_tags");
		String requestId = "stuck-" + UUID.randomUUID();
		Response stuck = put("/test-tags/" + tag, "{\"name\":\"Stuck\"}", "X-Request-Id", requestId);
		assertThat(stuck.status()).as(stuck.body()).isEqualTo(412);
		assertThat(SentStatements.ofWork(requestId)).as("a read and the whole entity's update, twice")
			.extracting((sql) -> sql.substring(0, 6).toLowerCase())
			.containsExactly("select", "update", "select", "update");
		assertThat(SentStatements.ofWork(requestId).get(1)).startsWith("update test_tags set created_at = ?, name = ?");
		Response read = get("/test-tags/" + tag);
		assertThat(read.json().get("name").stringValue()).isEqualTo("u");
		assertThat(read.header("ETag")).isEqualTo("\"1\"");
	}

	/**
	 * A record without {@code updatedAt} that an update leaves as it was is not written,
	 * as a flush would write nothing: its version and ETag stay; a real change writes.
	 */
	@Test
	void anUpdateThatChangesNothingOfARecordWithoutUpdatedAtWritesNothing() {
		String tag = create("/test-tags", "{\"name\":\"t\"}").get("id").stringValue();
		String requestId = "same-" + UUID.randomUUID();
		Response same = put("/test-tags/" + tag, "{\"name\":\"t\"}", "X-Request-Id", requestId);
		assertThat(same.status()).as(same.body()).isEqualTo(200);
		assertThat(same.header("ETag")).as(SentStatements.sentForWork(requestId) + " " + same.body())
			.isEqualTo("\"0\"");
		assertThat(SentStatements.ofWork(requestId)).as("the read only").hasSize(1);
		Response changed = put("/test-tags/" + tag, "{\"name\":\"u\"}");
		assertThat(changed.header("ETag")).isEqualTo("\"1\"");
		assertThat(get("/test-tags/" + tag).json()).isEqualTo(changed.json());
	}

	/**
	 * Sends a PUT while another write of the record holds its write transaction, and
	 * commits that write once the PUT has read the record: the other write sets the
	 * email.
	 */
	private Response overtaken(String id, String requestId, String body, String... headers) throws Exception {
		BaseService<User> users = this.services.forEntity(User.class);
		String[] all = new String[headers.length + 4];
		System.arraycopy(new String[] { "Content-Type", "application/json", "X-Request-Id", requestId }, 0, all, 0, 4);
		System.arraycopy(headers, 0, all, 4, headers.length);
		CompletableFuture<Response> put = new TransactionTemplate(this.transactionManager).execute((status) -> {
			users.update(id, (user) -> user.setEmail("ann@elsewhere.org"));
			CompletableFuture<Response> sending = CompletableFuture
				.supplyAsync(() -> send("PUT", "/users/" + id, body, all));
			awaitRead(requestId);
			return sending;
		});
		return put.get(30, TimeUnit.SECONDS);
	}

	/** Waits until the request has read its record, and a little more. */
	private static void awaitRead(String requestId) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (SentStatements.ofWork(requestId).isEmpty()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("the update did not read its record");
			}
			sleep(5);
		}
		// the select was prepared: let it run (on a reader, or without waiting for the
		// row's lock) and the update reach the writer
		sleep(300);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
