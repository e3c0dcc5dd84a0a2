package io.flarekit.security;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One kind of rule on every operation of users and of storage (uploads included), tried
 * by four callers: none, a key without roles, an editor and an admin. Each subclass
 * configures the rule and says whom it admits; an admitted request gets anything but 401
 * and 403 (and never a 5xx), a refused one 401 without a credential and 403 with one.
 */
abstract class RuleMatrix extends SecurityTest {

	enum Caller {

		ANONYMOUS, PLAIN, EDITOR, ADMIN

	}

	enum Op {

		LIST, READ, CREATE, UPDATE, DELETE

	}

	private String plainKey;

	private String editorKey;

	private String userId;

	private String fileId;

	private String uploadId;

	/** Whether the configured rule admits the caller. */
	abstract boolean admits(Caller caller);

	@BeforeEach
	void records() {
		this.plainKey = issueKey();
		this.editorKey = issueKey("editor");
		this.userId = create("/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").get("id").stringValue();
		Response uploaded = upload(PNG);
		assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
		this.fileId = uploaded.json().at("/data/0/id").stringValue();
		this.uploadId = create("/uploads", "{\"key\":\"big.png\"}").get("uploadId").stringValue();
	}

	@ParameterizedTest
	@EnumSource(Op.class)
	void usersFollowTheRule(Op op) {
		check(op, () -> switch (op) {
			case LIST -> List.of(get("/users"));
			case READ -> List.of(get("/users/" + this.userId));
			case CREATE -> List.of(post("/users", "{\"name\":\"B\",\"email\":\"" + UUID.randomUUID() + "@b.io\"}"));
			case UPDATE -> List.of(patch("/users/" + this.userId, "{\"name\":\"Ada K\"}"),
					put("/users/" + this.userId, "{\"name\":\"Ada L\"}"),
					patch("/users", "[{\"id\":\"" + this.userId + "\",\"data\":{\"name\":\"Ada M\"}}]"));
			case DELETE -> List.of(delete("/users/" + this.userId), delete("/users?ids=" + this.userId));
		});
	}

	@ParameterizedTest
	@EnumSource(Op.class)
	void storageAndUploadsFollowTheRule(Op op) {
		check(op, () -> switch (op) {
			case LIST -> List.of(get("/storage"));
			case READ -> List.of(get("/storage/" + this.fileId), get("/storage/" + this.fileId + "/content"));
			case CREATE -> List.of(upload(PNG), post("/uploads", "{\"key\":\"b.png\"}"),
					send("PUT", "/uploads/" + this.uploadId + "/parts/1", "part", "Content-Type",
							"application/octet-stream"),
					get("/uploads/" + this.uploadId), post("/uploads/" + this.uploadId + "/complete", "[]"),
					delete("/uploads/" + this.uploadId));
			case UPDATE -> List.of(replace(this.fileId, PNG));
			case DELETE -> List.of(delete("/storage/" + this.fileId), delete("/storage?ids=" + this.fileId));
		});
	}

	private void check(Op op, Supplier<List<Response>> requests) {
		SoftAssertions softly = new SoftAssertions();
		for (Caller caller : Caller.values()) {
			sendAs(switch (caller) {
				case ANONYMOUS -> null;
				case PLAIN -> this.plainKey;
				case EDITOR -> this.editorKey;
				case ADMIN -> ADMIN_KEY;
			});
			List<Response> responses = new ArrayList<>(requests.get());
			for (Response response : responses) {
				String what = op + " by " + caller + ": " + response;
				softly.assertThat(response.status()).as(what).isLessThan(500);
				if (admits(caller)) {
					softly.assertThat(response.status()).as(what).isNotIn(401, 403);
				}
				else {
					softly.assertThat(response.status()).as(what).isEqualTo((caller == Caller.ANONYMOUS) ? 401 : 403);
					softly.assertThat(response.body())
						.as(what)
						.contains((caller == Caller.ANONYMOUS) ? "AUTHENTICATION_ERROR" : "AUTHORIZATION_ERROR");
				}
			}
		}
		softly.assertAll();
	}

}
