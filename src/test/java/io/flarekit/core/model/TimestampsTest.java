package io.flarekit.core.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Timestamps are UTC whatever the JVM's zone: the build runs the tests under
 * Pacific/Chatham (UTC+12:45 or +13:45).
 */
class TimestampsTest extends IntegrationTest {

	@Test
	void theTestsRunOutsideUtc() {
		assertThat(TimeZone.getDefault().getRawOffset()).isNotZero();
	}

	@Test
	void storedAsUtcTextWithMillisecondsAndServedAsIsoWithZ() {
		Instant before = Instant.now().minusSeconds(1);
		JsonNode user = create("/users", "{\"name\":\"T\",\"email\":\"t@example.com\"}");
		String json = user.get("createdAt").stringValue();
		assertThat(json).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");
		Instant served = Instant.parse(json);
		assertThat(served).isAfter(before).isBefore(Instant.now().plusSeconds(1));
		String stored = this.jdbc.queryForObject("select created_at from users where id = ?", String.class,
				user.get("id").stringValue());
		assertThat(stored).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
		assertThat(stored.replace(' ', 'T') + "Z").isEqualTo(
				DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC).format(served));
		// the database's own clock, as the columns' defaults write it, agrees within a
		// minute: both are UTC
		String databaseNow = this.jdbc
			.queryForObject(onPostgres() ? "select to_char((now() at time zone 'utc'), 'YYYY-MM-DD HH24:MI:SS.MS')"
					: "select strftime('%Y-%m-%d %H:%M:%f', 'now')", String.class);
		assertThat(databaseNow).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
		assertThat(new UtcTimestampConverter().convertToEntityAttribute(databaseNow)).isBetween(served.minusSeconds(60),
				served.plusSeconds(60));
	}

	@Test
	void rowsWrittenBySqliteOrTheOriginalAreRead() {
		this.jdbc.update("insert into users (id, name, email) values ('x', 'X', 'x@example.com')");
		this.jdbc.update("update users set updated_at = '2024-02-29 23:59:59' where id = 'x'");
		JsonNode user = get("/users/x").json();
		assertThat(Instant.parse(user.get("createdAt").stringValue())).isBefore(Instant.now().plusSeconds(1));
		assertThat(user.get("updatedAt").stringValue()).isEqualTo("2024-02-29T23:59:59Z");
	}

	@Test
	void theConverterReadsEveryShapeAndWritesOne() {
		UtcTimestampConverter converter = new UtcTimestampConverter();
		Instant instant = Instant.parse("2024-01-31T12:34:56.789Z");
		assertThat(converter.convertToDatabaseColumn(instant)).isEqualTo("2024-01-31 12:34:56.789");
		assertThat(converter.convertToDatabaseColumn(Instant.parse("2024-01-31T12:34:56Z")))
			.isEqualTo("2024-01-31 12:34:56.000");
		assertThat(converter.convertToEntityAttribute("2024-01-31 12:34:56.789")).isEqualTo(instant);
		assertThat(converter.convertToEntityAttribute("2024-01-31T12:34:56.789Z")).isEqualTo(instant);
		assertThat(converter.convertToEntityAttribute("2024-01-31 12:34:56"))
			.isEqualTo(Instant.parse("2024-01-31T12:34:56Z"));
		assertThat(converter.convertToDatabaseColumn(null)).isNull();
		assertThat(converter.convertToEntityAttribute(null)).isNull();
	}

	@Test
	void theStoredShapeReadsBackToTheSameInstantAcrossTheYears() {
		UtcTimestampConverter converter = new UtcTimestampConverter();
		Random random = new Random(42);
		for (int i = 0; i < 10_000; i++) {
			Instant instant = Instant.ofEpochMilli(random.nextLong(-62_135_596_800_000L, 253_402_300_799_999L));
			String stored = converter.convertToDatabaseColumn(instant);
			assertThat(converter.convertToEntityAttribute(stored)).as(stored).isEqualTo(instant);
		}
	}

	@Test
	void textThatOnlyLooksStoredIsReadAsBeforeOrRefused() {
		UtcTimestampConverter converter = new UtcTimestampConverter();
		// an impossible day is resolved by java.time's smart resolver, as before the fast
		// path
		assertThat(converter.convertToEntityAttribute("2023-02-30 10:00:00.000"))
			.isEqualTo(Instant.parse("2023-02-28T10:00:00Z"));
		assertThat(converter.convertToEntityAttribute(" 2024-01-31 12:34:56.789"))
			.isEqualTo(Instant.parse("2024-01-31T12:34:56.789Z"));
		for (String bad : List.of("2024-01-31 12:34:5x.789", "2024-13-31 12:34:56.789", "2024-01-31 25:00:00.000",
				"2024/01/31 12:34:56.789")) {
			assertThatExceptionOfType(DateTimeException.class).as(bad)
				.isThrownBy(() -> converter.convertToEntityAttribute(bad));
		}
	}

}
