package io.flarekit.core;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores every {@link Instant} as UTC text in the shape of SQLite's own clock,
 * {@code YYYY-MM-DD HH:MM:SS.SSS}, whatever the JVM's time zone. Text in that shape sorts
 * in time order, compares with SQLite's date functions and reads back rows written by the
 * original Flarekit (which stores whole seconds).
 */
@Converter(autoApply = true)
public class UtcTimestampConverter implements AttributeConverter<Instant, String> {

	/**
	 * SQLite's clock in the same shape, as a column default, so that rows inserted by
	 * plain SQL get a creation time too.
	 */
	public static final String SQLITE_NOW = "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";

	private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter READ = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd")
		.optionalStart()
		.appendLiteral('T')
		.optionalEnd()
		.optionalStart()
		.appendLiteral(' ')
		.optionalEnd()
		.appendPattern("HH:mm:ss")
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
		.optionalEnd()
		.optionalStart()
		.appendLiteral('Z')
		.optionalEnd()
		.toFormatter();

	/**
	 * The precision timestamps keep: what is stored is what is served.
	 * @param instant any instant
	 * @return the instant cut to milliseconds
	 */
	public static Instant truncate(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

	@Override
	public String convertToDatabaseColumn(Instant value) {
		return (value != null) ? WRITE.format(value) : null;
	}

	@Override
	public Instant convertToEntityAttribute(String text) {
		return (text != null) ? LocalDateTime.parse(text.trim(), READ).toInstant(ZoneOffset.UTC) : null;
	}

}
