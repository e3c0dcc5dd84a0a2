package io.flarekit.users;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.flarekit.IntegrationTest;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.query.ListResult;
import io.flarekit.core.query.Range;
import io.flarekit.core.query.SortOrder;
import io.flarekit.core.service.BaseService;
import io.flarekit.core.service.BulkUpdate;
import io.flarekit.core.service.CrudServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The original Flarekit's BaseService tests, ported onto {@code users}. */
class UserServiceTest extends IntegrationTest {

	@Autowired
	CrudServices services;

	BaseService<User> users;

	@BeforeEach
	void service() {
		this.users = this.services.forEntity(User.class);
	}

	private User newUser(String name, String email) {
		return this.users.create(JSON.readTree("{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}"));
	}

	private static ServiceException failure(Runnable call) {
		try {
			call.run();
		}
		catch (ServiceException ex) {
			return ex;
		}
		throw new AssertionError("expected a ServiceException");
	}

	@Test
	void createFillsIdAndTimestamps() {
		Instant before = Instant.now().minusMillis(1);
		User user = newUser("Ada", "ada@example.com");
		assertThat(UUID.fromString(user.getId()).version()).isEqualTo(7);
		assertThat(user.getCreatedAt()).isAfter(before).isEqualTo(user.getUpdatedAt());
		assertThat(user.getDeletedAt()).isNull();
		User second = newUser("Bob", "bob@example.com");
		assertThat(second.getId()).isGreaterThan(user.getId());
	}

	@Test
	void createTakesTypedEntities() {
		User user = new User();
		user.setName("Typed");
		user.setEmail("typed@example.com");
		User created = this.users.create(user);
		assertThat(this.users.getById(created.getId(), false)).isPresent();
		User imported = new User();
		imported.setName("Imported");
		imported.setEmail("imported@example.com");
		ReflectionTestUtils.setField(imported, "createdAt", Instant.parse("2020-01-01T00:00:00Z"));
		assertThat(this.users.create(imported).getCreatedAt()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
		User invalid = new User();
		assertThat(failure(() -> this.users.create(invalid)).getStatus().value()).isEqualTo(400);
	}

	@Test
	void updateChangesOnlyTheGivenFieldsAndMovesUpdatedAt() throws Exception {
		User user = newUser("Ada", "ada@example.com");
		Thread.sleep(3);
		User updated = this.users.update(user.getId(), JSON.readTree("{\"name\":\"Ada L.\"}"));
		assertThat(updated.getName()).isEqualTo("Ada L.");
		assertThat(updated.getEmail()).isEqualTo("ada@example.com");
		assertThat(updated.getCreatedAt()).isEqualTo(user.getCreatedAt());
		assertThat(updated.getUpdatedAt()).isAfter(user.getUpdatedAt());
		User typed = this.users.update(user.getId(), (u) -> u.setEmail("ada@lovelace.org"));
		assertThat(typed.getEmail()).isEqualTo("ada@lovelace.org");
		assertThat(this.users.getById(user.getId(), false).orElseThrow().getEmail()).isEqualTo("ada@lovelace.org");
	}

	@Test
	void updateOfAMissingRecordIs404() {
		assertThat(failure(() -> this.users.update("nope", JSON.readTree("{}"))).getStatus().value()).isEqualTo(404);
	}

	@Test
	void deleteIsSoftByDefaultAndPermanentOnRequest() {
		User soft = newUser("Soft", "soft@example.com");
		User deleted = this.users.delete(soft.getId());
		assertThat(deleted.getDeletedAt()).isNotNull();
		assertThat(this.users.getById(soft.getId(), false)).isEmpty();
		assertThat(this.users.getById(soft.getId(), true)).isPresent();

		User hard = newUser("Hard", "hard@example.com");
		this.users.delete(hard.getId(), true);
		assertThat(this.users.getById(hard.getId(), true)).isEmpty();
		assertThat(failure(() -> this.users.delete("nope")).getStatus().value()).isEqualTo(404);
		// a soft-deleted record can still be removed for good
		this.users.delete(soft.getId(), true);
		assertThat(this.users.getById(soft.getId(), true)).isEmpty();
	}

	@Test
	void getManyReturnsTheRecordsThatExist() {
		User a = newUser("A", "a@example.com");
		User b = newUser("B", "b@example.com");
		User c = newUser("C", "c@example.com");
		this.users.delete(c.getId());
		assertThat(this.users.getMany(List.of(a.getId(), b.getId(), c.getId(), "nope"), false)).extracting(User::getId)
			.containsExactlyInAnyOrder(a.getId(), b.getId());
		assertThat(this.users.getMany(List.of(a.getId(), c.getId()), true)).hasSize(2);
		assertThat(this.users.getMany(List.of(), false)).isEmpty();
	}

	@Test
	void getListSortsFiltersAndPages() {
		newUser("Carol", "carol@example.com");
		newUser("alice", "alice@example.com");
		newUser("Bob", "bob@example.com");
		ListResult<User> byName = this.users.getList(Range.FIRST_PAGE, new SortOrder("name", Sort.Direction.ASC),
				Map.of(), false);
		assertThat(byName.records()).extracting(User::getName).containsExactly("Bob", "Carol", "alice");
		assertThat(byName.total()).isEqualTo(3);

		ListResult<User> newestFirst = this.users.getList(Range.FIRST_PAGE, SortOrder.NEWEST_FIRST, Map.of(), false);
		assertThat(newestFirst.records()).extracting(User::getName).containsExactly("Bob", "alice", "Carol");

		ListResult<User> second = this.users.getList(new Range(1, 1), new SortOrder("name", Sort.Direction.DESC),
				Map.of(), false);
		assertThat(second.records()).extracting(User::getName).containsExactly("Carol");
		assertThat(second.total()).isEqualTo(3);
		assertThat(second.contentRange("users")).isEqualTo("users 1-1/3");

		ListResult<User> filtered = this.users.getList(Range.FIRST_PAGE, SortOrder.NEWEST_FIRST,
				Map.of("email", List.of("bob@example.com", "carol@example.com")), false);
		assertThat(filtered.records()).extracting(User::getName).containsExactlyInAnyOrder("Bob", "Carol");
	}

	@Test
	void getCountCountsMatches() {
		newUser("A", "a@example.com");
		User b = newUser("B", "b@example.com");
		this.users.delete(b.getId());
		assertThat(this.users.getCount(Map.of(), false)).isEqualTo(1);
		assertThat(this.users.getCount(Map.of(), true)).isEqualTo(2);
		assertThat(this.users.getCount(Map.of("name", "B"), true)).isEqualTo(1);
	}

	@Test
	void getManyReferenceFiltersOnTheTarget() {
		newUser("A", "a@example.com");
		newUser("B", "b@example.com");
		ListResult<User> result = this.users.getManyReference("email", "b@example.com", Range.FIRST_PAGE,
				SortOrder.NEWEST_FIRST, Map.of(), false);
		assertThat(result.records()).extracting(User::getName).containsExactly("B");
		assertThat(failure(() -> this.users.getManyReference("nope", "x", Range.FIRST_PAGE, SortOrder.NEWEST_FIRST,
				Map.of(), false))
			.getStatus()
			.value()).isEqualTo(400);
	}

	@Test
	void bulkUpdateIsAllOrNothing() {
		User a = newUser("A", "a@example.com");
		User b = newUser("B", "b@example.com");
		List<User> updated = this.users
			.bulkUpdate(List.of(new BulkUpdate(a.getId(), JSON.readTree("{\"name\":\"A2\"}")),
					new BulkUpdate(b.getId(), JSON.readTree("{\"name\":\"B2\"}"))));
		assertThat(updated).extracting(User::getName).containsExactly("A2", "B2");
		ServiceException missing = failure(
				() -> this.users.bulkUpdate(List.of(new BulkUpdate(a.getId(), JSON.readTree("{\"name\":\"A3\"}")),
						new BulkUpdate("nope", JSON.readTree("{\"name\":\"X\"}")))));
		assertThat(missing.getStatus().value()).isEqualTo(404);
		assertThat(this.users.getById(a.getId(), false).orElseThrow().getName()).isEqualTo("A2");
		ServiceException duplicate = failure(
				() -> this.users.bulkUpdate(List.of(new BulkUpdate(a.getId(), JSON.readTree("{\"name\":\"A4\"}")),
						new BulkUpdate(b.getId(), JSON.readTree("{\"email\":\"A@example.com\"}")))));
		assertThat(duplicate.getStatus().value()).isEqualTo(409);
		assertThat(this.users.getById(a.getId(), false).orElseThrow().getName()).isEqualTo("A2");
	}

	@Test
	void bulkDeleteSkipsMissingIds() {
		User a = newUser("A", "a@example.com");
		User b = newUser("B", "b@example.com");
		assertThat(this.users.bulkDelete(List.of(a.getId(), "nope"))).extracting(User::getId)
			.containsExactly(a.getId());
		assertThat(this.users.getCount(Map.of(), false)).isEqualTo(1);
		assertThat(this.users.bulkDelete(List.of(a.getId(), b.getId()), true)).hasSize(2);
		assertThat(this.users.getCount(Map.of(), true)).isZero();
	}

	@Test
	void nothingIsWrittenWhenACreateFails() {
		newUser("A", "a@example.com");
		assertThatThrownBy(() -> newUser("B", "a@EXAMPLE.com")).isInstanceOf(ServiceException.class);
		assertThat(this.users.getCount(Map.of(), true)).isEqualTo(1);
	}

}
