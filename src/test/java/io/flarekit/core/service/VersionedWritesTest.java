package io.flarekit.core.service;

import java.util.List;
import java.util.Map;

import io.flarekit.IntegrationTest;
import io.flarekit.core.error.ErrorCode;
import io.flarekit.core.error.ServiceException;
import io.flarekit.users.User;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Versions for Java callers: the overloads that take a {@link Precondition}, the version
 * that every write increments, and a write that another one overtook between its read and
 * its flush, which JPA's {@code @Version} catches and the service reports as the same
 * 412.
 */
class VersionedWritesTest extends IntegrationTest {

	@Autowired
	CrudServices services;

	@Autowired
	EntityManager entityManager;

	BaseService<User> users;

	String id;

	@BeforeEach
	void ada() {
		this.users = this.services.forEntity(User.class);
		this.id = this.users.create(JSON.readTree("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")).getId();
	}

	private Map<String, Object> row() {
		return this.jdbc.queryForMap(
				"select name, cast(version as integer) as version, deleted_at from users where id = ?", this.id);
	}

	private static void assertPreconditionFailed(Throwable ex) {
		assertThat(ex).isInstanceOfSatisfying(ServiceException.class, (failure) -> {
			assertThat(failure.getStatus().value()).isEqualTo(412);
			assertThat(failure.getCode()).isEqualTo(ErrorCode.PRECONDITION_FAILED);
			assertThat(failure.getDetails()).singleElement().satisfies((detail) -> {
				assertThat(detail.field()).isEqualTo("version");
				assertThat(detail.code()).isEqualTo("VERSION_MISMATCH");
			});
		});
	}

	@Test
	void everyWriteIncrementsTheVersionAndAPreconditionGuardsIt() {
		User renamed = this.users.update(this.id, JSON.readTree("{\"name\":\"Ada K\"}"), Precondition.version(0));
		assertThat(renamed.getVersion()).isEqualTo(1);
		assertThatThrownBy(() -> this.users.update(this.id, (user) -> user.setName("lost"), Precondition.version(0)))
			.satisfies(VersionedWritesTest::assertPreconditionFailed)
			.hasMessageContaining("version 1");
		assertThatThrownBy(() -> this.users.delete(this.id, true, Precondition.version(0)))
			.satisfies(VersionedWritesTest::assertPreconditionFailed);
		assertThat(this.users.delete(this.id, false, Precondition.version(1)).getVersion()).isEqualTo(2);
		assertThat(this.users.restore(this.id).getVersion()).as("a restore is a change").isEqualTo(3);
		assertThat(this.users.bulkUpdate(List.of(new BulkUpdate(this.id, JSON.readTree("{\"name\":\"Ada L\"}"), 3L))))
			.singleElement()
			.satisfies((user) -> assertThat(user.getVersion()).isEqualTo(4));
		assertThat(row()).containsEntry("name", "Ada L").containsEntry("version", 4).containsEntry("deleted_at", null);
	}

	@Test
	void aWriteThatAnotherOvertookBetweenItsReadAndItsFlushIsA412AndWritesNothing() {
		assertThatThrownBy(() -> this.users.update(this.id, (user) -> {
			// another writer commits version 1 after this write read version 0
			this.entityManager.createNativeQuery("update users set version = version + 1, name = 'other' where id = ?")
				.setParameter(1, this.id)
				.executeUpdate();
			user.setName("lost");
		})).satisfies(VersionedWritesTest::assertPreconditionFailed).hasMessageContaining("changed by another request");
		assertThat(row()).as("the whole write rolled back").containsEntry("name", "Ada").containsEntry("version", 0);
	}

}
