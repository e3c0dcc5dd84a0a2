package io.flarekit.users;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flarekit.IntegrationTest;
import io.flarekit.SentStatements;
import io.flarekit.core.service.BaseService;
import io.flarekit.core.service.CrudServices;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a point read and an update cost the database, on SQLite and PostgreSQL: a read by
 * id sends one {@code SELECT} and opens no transaction (no {@code BEGIN}/{@code COMMIT}
 * around it), and an update reads its body and its record, and decides, before its write
 * transaction begins, so that the single writer is held for one {@code UPDATE} only.
 */
class UserRequestCostTest extends IntegrationTest {

	/** An {@code UPDATE} of users, PostgreSQL's with an alias: what it sets. */
	private static final Pattern UPDATE = Pattern.compile("update users(?: \\w+)? set (.+) where .+");

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Autowired
	CrudServices services;

	@Test
	void aReadByIdSendsOneSelectWithoutATransaction() {
		String id = create("/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").get("id").stringValue();
		Response read = readsWithOneSelectAndNoTransaction("/users/" + id);
		assertThat(read.json().get("name").stringValue()).isEqualTo("Ada");
	}

	@Test
	void aShortFilteredPageAndAKeysetPageSendOneSelectWithoutATransaction() {
		create("/users", "{\"name\":\"Flo\",\"email\":\"flo@example.com\"}");
		Response filtered = readsWithOneSelectAndNoTransaction(
				"/users?filter=" + q("{\"email\":\"flo@example.com\"}") + "&range=" + q("[0,9]"));
		assertThat(ids(filtered.json())).hasSize(1);
		assertThat(filtered.header("Content-Range")).endsWith("/1");
		Response keyset = readsWithOneSelectAndNoTransaction("/users?cursor=&limit=1000");
		assertThat(ids(keyset.json())).isNotEmpty();
	}

	/**
	 * Sends a GET three times and checks that each sent one {@code SELECT} of users and
	 * that one of them at least ran no transaction: a key check or a scheduled job may
	 * run one meanwhile, but not during all three.
	 */
	private Response readsWithOneSelectAndNoTransaction(String path) {
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		long fewestTransactions = Long.MAX_VALUE;
		Response read = null;
		for (int i = 0; i < 3; i++) {
			String requestId = "read-" + UUID.randomUUID();
			long before = statistics.getTransactionCount();
			read = get(path, "X-Request-Id", requestId);
			fewestTransactions = Math.min(fewestTransactions, statistics.getTransactionCount() - before);
			assertThat(read.status()).as(read.body()).isEqualTo(200);
			List<String> sent = SentStatements.ofWork(requestId);
			assertThat(sent).as(sent.toString()).hasSize(1);
			assertThat(sent.get(0)).startsWithIgnoringCase("select").contains("users");
		}
		assertThat(fewestTransactions).isZero();
		return read;
	}

	@Test
	void aReadWithEmbedOrOfAMissingRecordStillAnswers() {
		assertThat(get("/users/" + UUID.randomUUID()).status()).isEqualTo(404);
		String id = create("/users", "{\"name\":\"Bea\",\"email\":\"bea@example.com\"}").get("id").stringValue();
		assertThat(delete("/users/" + id).status()).isEqualTo(200);
		assertThat(get("/users/" + id).status()).as("soft-deleted").isEqualTo(404);
		assertThat(get("/users/" + id + "?includeDeleted=true").status()).isEqualTo(200);
	}

	@Test
	void anUpdateReadsOutsideAnyTransactionAndHoldsTheWriterForOneUpdate() {
		String id = create("/users", "{\"name\":\"Eve\",\"email\":\"eve@example.com\"}").get("id").stringValue();
		String requestId = "update-" + UUID.randomUUID();
		Response updated = put("/users/" + id, "{\"name\":\"Eva\"}", "X-Request-Id", requestId);
		assertThat(updated.status()).isEqualTo(200);
		List<SentStatements.Sent> sent = SentStatements.sentForWork(requestId);
		assertThat(sent).as(sent.toString()).hasSize(2);
		assertThat(sent.get(0).sql()).startsWithIgnoringCase("select");
		assertThat(sent.get(0).inTransaction()).as("the read").isFalse();
		assertThat(sent.get(1).sql()).startsWithIgnoringCase("update").contains("version");
		assertThat(sent.get(1).inTransaction()).as("the write").isTrue();
		// what it answers is what a read answers next, to the millisecond
		Response read = get("/users/" + id);
		assertThat(updated.json()).isEqualTo(read.json());
		assertThat(updated.header("ETag")).isEqualTo(read.header("ETag")).isEqualTo("\"1\"");
	}

	@Test
	void anUpdateSetsOnlyTheColumnsItChanges() {
		JsonNode record = create("/users", "{\"name\":\"Ivy\",\"email\":\"ivy@example.com\"}");
		String path = "/users/" + record.get("id").stringValue();
		assertThat(columnsSetBy(path, "{\"name\":\"Iva\"}")).containsExactlyInAnyOrder("name", "updated_at", "version");
		assertThat(columnsSetBy(path, "{\"name\":\"Iva\",\"email\":\"iva@example.com\"}"))
			.as("a field sent at the value it has is not set")
			.containsExactlyInAnyOrder("email", "updated_at", "version");
		// react-admin sends the whole record back
		ObjectNode whole = (ObjectNode) get(path).json();
		assertThat(columnsSetBy(path, whole.toString())).containsExactlyInAnyOrder("updated_at", "version");
		Response read = get(path);
		assertThat(read.json().get("name").stringValue()).isEqualTo("Iva");
		assertThat(read.json().get("email").stringValue()).isEqualTo("iva@example.com");
		assertThat(read.json().get("createdAt")).isEqualTo(record.get("createdAt"));
		assertThat(read.json().get("version").asLong()).isEqualTo(3);
	}

	/** The columns that the {@code UPDATE} of a {@code PUT} set. */
	private List<String> columnsSetBy(String path, String body) {
		String requestId = "update-" + UUID.randomUUID();
		Response updated = put(path, body, "X-Request-Id", requestId);
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		String update = SentStatements.sentForWork(requestId).get(1).sql().toLowerCase(Locale.ROOT);
		Matcher assignments = UPDATE.matcher(update);
		assertThat(assignments.matches()).as(update).isTrue();
		return Arrays.stream(assignments.group(1).split(","))
			.map((assignment) -> assignment.substring(0, assignment.indexOf('=')).strip())
			.toList();
	}

	@Test
	void anUpdateReadsItsBodyBeforeItsTransaction() {
		BaseService<User> users = this.services.forEntity(User.class);
		String id = users.create(JSON.readTree("{\"name\":\"Cy\",\"email\":\"cy@example.com\"}")).getId();
		List<Boolean> inTransaction = new ArrayList<>();
		ObjectNode body = new ObjectNode(JsonNodeFactory.instance) {

			@Override
			public Set<Map.Entry<String, JsonNode>> properties() {
				inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
				return super.properties();
			}

		};
		body.put("name", "Cyd");
		assertThat(users.update(id, body).getName()).isEqualTo("Cyd");
		assertThat(inTransaction).containsExactly(false);
		assertThat(get("/users/" + id).json().get("name").stringValue()).isEqualTo("Cyd");
	}

	@Test
	void anUpdateStillAnswers404Then412ThenNamesTheBadFields() {
		String id = create("/users", "{\"name\":\"Di\",\"email\":\"di@example.com\"}").get("id").stringValue();
		String bad = "{\"name\":\"\",\"email\":12}";
		assertThat(put("/users/" + UUID.randomUUID(), bad).status()).as("missing before bad").isEqualTo(404);
		Response stale = put("/users/" + id, bad, "If-Match", "\"99\"");
		assertThat(stale.status()).as("precondition before content").isEqualTo(412);
		Response invalid = put("/users/" + id, bad);
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("errors").has("name")).isTrue();
		assertThat(invalid.json().get("errors").has("email")).isTrue();
		Response cleared = put("/users/" + id, "{\"name\":\"Dee\",\"version\":7,\"createdAt\":null}");
		assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
		assertThat(cleared.json().get("createdAt").isNull()).as("server-managed fields are not copied").isFalse();
		assertThat(cleared.json().get("email").stringValue()).isEqualTo("di@example.com");
		create("/users", "{\"name\":\"Do\",\"email\":\"do@example.com\"}");
		Response taken = put("/users/" + id, "{\"email\":\"DO@example.com\"}");
		assertThat(taken.status()).as("a unique index broken by the one UPDATE").isEqualTo(409);
		assertThat(taken.json().get("errors").has("email")).as(taken.body()).isTrue();
	}

}
