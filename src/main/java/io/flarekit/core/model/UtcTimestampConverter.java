package io.flarekit.core.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import org.springframework.modulith.NamedInterface;

/**
 * Stores every {@link Instant} as UTC text in the shape of SQLite's own clock,
 * {@code YYYY-MM-DD HH:MM:SS.SSS}, whatever the JVM's time zone. Text in that shape sorts
 * in time order, compares with SQLite's date functions and reads back rows written by the
 * original Flarekit (which stores whole seconds).
 */
@Converter(autoApply = true)
@NamedInterface("model")
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
		if (text == null) {
			return null;
		}
		Instant stored = parseStored(text);
		return (stored != null) ? stored : LocalDateTime.parse(text.trim(), READ).toInstant(ZoneOffset.UTC);
	}

	/**
	 * Reads the shape this converter and {@link #SQLITE_NOW} write,
	 * {@code 2026-01-31 23:59:59.123}, without a {@link DateTimeFormatter}: every row
	 * read has two or three timestamps, and the formatter was a twentieth of the time of
	 * a {@code GET /users/{id}} (measured with JFR). Anything else goes to the formatter.
	 * @param text a timestamp column
	 * @return the instant, or null when the text has another shape
	 */
	private static Instant parseStored(String text) {
		if (text.length() != 23 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
				|| text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		int millis = digits(text, 20, 3);
		if ((year | month | day | hour | minute | second | millis) < 0) {
			return null;
		}
		try {
			return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
				.toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** The number written in {@code length} ASCII digits from {@code start}, or -1. */
	private static int digits(String text, int start, int length) {
		int value = 0;
		for (int i = start; i < start + length; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
