package io.flarekit.core.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.flarekit.core.error.SerializationFailure;
import io.flarekit.core.testentities.Note;
import io.flarekit.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service on a real PostgreSQL at {@code SERIALIZABLE}, where concurrent writes of
 * one row are refused with SQLState {@code 40001}: each refused transaction runs again,
 * so that concurrent increments all land; one that keeps being refused is a 503 with
 * {@code Retry-After} after {@code flarekit.database.retries} reruns, and one that joined
 * a caller's transaction is never rerun.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SerializableRetriesTest {

	private static final int RETRIES = 12;

	private static final String ADMIN_KEY = "test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";

	@LocalServerPort
	int port;

	@Autowired
	CrudServices services;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) throws Exception {
		Path data = Files.createTempDirectory("flarekit-retries");
		registry.add("spring.datasource.url", () -> TestPostgres.newDatabase("retries"));
		registry.add("spring.datasource.username", TestPostgres::user);
		registry.add("spring.datasource.password", TestPostgres::password);
		registry.add("spring.datasource.hikari.transaction-isolation", () -> "TRANSACTION_SERIALIZABLE");
		registry.add("spring.datasource.hikari.maximum-pool-size", () -> "12");
		registry.add("flarekit.database.retries", () -> String.valueOf(RETRIES));
		registry.add("flarekit.security.bootstrap-admin-key", () -> ADMIN_KEY);
		registry.add("flarekit.storage.blob-dir", () -> data.resolve("blobs").toString());
		registry.add("flarekit.storage.uploads.dir", () -> data.resolve("uploads").toString());
	}

	@BeforeEach
	@AfterEach
	void noRefusals() {
		this.jdbc.execute("drop trigger if exists refuse on test_notes");
		this.jdbc.execute("delete from test_notes");
	}

	@Test
	void theSessionsRunAtSerializable() {
		assertThat(this.jdbc.queryForObject("show transaction_isolation", String.class)).isEqualTo("serializable");
	}

	@Test
	void concurrentIncrementsOfOneRecordAllLandAfterReruns() throws Exception {
		BaseService<Note> notes = this.services.forEntity(Note.class);
		String id = note(notes);
		int threads = 4;
		int increments = 10;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				done.add(pool.submit(() -> {
					for (int i = 0; i < increments; i++) {
						notes.update(id, (note) -> note.setRating(note.getRating() + 1));
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		Note after = notes.getById(id, false).orElseThrow();
		assertThat(after.getRating()).as("no increment lost").isEqualTo(threads * increments);
		assertThat(after.getVersion()).isEqualTo(threads * increments);
	}

	@Test
	void aChangeTheDatabaseKeepsRefusingIsA503WithRetryAfterAfterTheReruns() throws Exception {
		String id = note(this.services.forEntity(Note.class));
		refuseEveryUpdate();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/test-notes/" + id))
				.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"changed\"}"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + ADMIN_KEY)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(response.body()).contains("\"SERVICE_UNAVAILABLE\"")
			.contains("Concurrent changes kept conflicting")
			.doesNotContain("40001");
		assertThat(refusals()).as("the first run and every rerun").isEqualTo(RETRIES + 1);
		assertThat(this.jdbc.queryForObject("select title from test_notes", String.class)).isEqualTo("a note");
	}

	@Test
	void aChangeWithinACallersTransactionIsNotRerun() {
		BaseService<Note> notes = this.services.forEntity(Note.class);
		String id = note(notes);
		refuseEveryUpdate();
		AtomicInteger runs = new AtomicInteger();
		assertThatThrownBy(() -> new TransactionTemplate(this.transactionManager)
			.executeWithoutResult((status) -> notes.update(id, (note) -> {
				runs.incrementAndGet();
				note.setTitle("changed");
			}))).matches(SerializationFailure::isCause, "a serialization failure");
		assertThat(runs).as("only the caller may run its transaction again").hasValue(1);
		assertThat(refusals()).isEqualTo(1);
	}

	private static String note(BaseService<Note> notes) {
		Note note = new Note();
		note.setTitle("a note");
		note.setRating(0);
		return notes.create(note).getId();
	}

	/**
	 * A trigger that fails every update of a note as PostgreSQL fails a transaction it
	 * cannot serialize, counting the attempts in a sequence (which no rollback undoes).
	 */
	private void refuseEveryUpdate() {
		this.jdbc.execute("drop sequence if exists refusals");
		this.jdbc.execute("create sequence refusals");
		this.jdbc.execute("create or replace function refuse() returns trigger language plpgsql as $$ begin "
				+ "perform nextval('refusals'); "
				+ "raise exception 'could not serialize access' using errcode = 'serialization_failure'; end $$");
		this.jdbc.execute("create trigger refuse before update on test_notes for each row execute function refuse()");
	}

	private long refusals() {
		return this.jdbc.queryForObject("select last_value from refusals", Long.class);
	}

}
