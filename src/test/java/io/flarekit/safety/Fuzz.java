package io.flarekit.safety;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seeded random inputs for {@link FuzzIT}, fed to {@code @ParameterizedTest}s: the same
 * seed gives the same cases, so a run is deterministic and any failing case can be run
 * again alone. {@code -Dfuzz.seed=N} (or {@code random}) explores other cases,
 * {@code -Dfuzz.tries=N} sets how many cases each test runs. Every draw mixes in, at a
 * fixed rate, the boundary values where parsers break: empty, extreme, control
 * characters, astral unicode, deep and empty JSON.
 */
final class Fuzz {

	static final String SEED = "fuzz.seed";

	static final String TRIES = "fuzz.tries";

	/**
	 * The seed of the cases {@code ./mvnw verify} runs: fixed, so a build is repeatable.
	 */
	private static final long DEFAULT_SEED = 20_261_129L;

	private static final long RUN_SEED = readSeed();

	private static final long GAMMA = 0x9e3779b97f4a7c15L;

	private static final List<String> EDGE_STRINGS = List.of("", " ", "\u0000", "\t", "\r\n", "\u007f", "\u0085",
			"\u00a0", "\u00e9", "e\u0301", "\u0130", "\u00df", "\u200b", "\u2028", "\u202e", "\ufeff", "\ufffd",
			"\uffff", "\ud83d\ude00", "\udbff\udfff", "%", "_", "\"", "\\", "'", "null");

	private static final String SYNTAX = "\"\\'%_*?&=+#/.,:;[]{}<>()|!$@`~- ";

	private static final int[] EDGE_INTS = { 0, 1, -1, 2, -2, Integer.MIN_VALUE, Integer.MAX_VALUE,
			Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1 };

	private static final long[] EDGE_LONGS = { 0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
			Long.MAX_VALUE - 1, 1L << 31, -(1L << 31) - 1, 1L << 32, (1L << 53) + 1, -(1L << 53) - 1 };

	private static final double[] EDGE_DOUBLES = { 0.0, -0.0, 1.0, -1.0, 0.01, -0.01, Double.MAX_VALUE,
			-Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e308, 9007199254740993.0 };

	private final SplittableRandom random;

	private Fuzz(long seed) {
		this.random = new SplittableRandom(seed);
	}

	/**
	 * The cases of one test, for its {@code @MethodSource}: each an argument set named by
	 * the system properties that run it again alone.
	 * @param test a name of the test's own, so that tests draw different values from one
	 * seed
	 * @param tries how many cases, unless {@code -Dfuzz.tries} says otherwise
	 * @param draw the arguments of one case, drawn from the given source
	 * @return the cases
	 */
	static Stream<Arguments> cases(String test, int tries, Function<Fuzz, Object[]> draw) {
		String configured = System.getProperty(TRIES, "");
		int count = configured.isBlank() ? tries : Integer.parseInt(configured.strip());
		return LongStream.range(0, count).mapToObj((i) -> {
			long seed = RUN_SEED + i * GAMMA;
			Object[] arguments = draw.apply(new Fuzz(seed ^ test.hashCode()));
			return Arguments.argumentSet("-D" + SEED + "=" + seed + " -D" + TRIES + "=1", arguments);
		});
	}

	/** The seed of this run: {@code -Dfuzz.seed} if given. */
	static long runSeed() {
		return RUN_SEED;
	}

	private static long readSeed() {
		String value = System.getProperty(SEED, "").strip();
		if (value.isEmpty()) {
			return DEFAULT_SEED;
		}
		return value.equals("random") ? new SecureRandom().nextLong() : Long.decode(value);
	}

	/** One of the values, each as likely. */
	@SafeVarargs
	final <T> T pick(T... values) {
		return values[this.random.nextInt(values.length)];
	}

	/** The value of one of the sources, each as likely. */
	@SafeVarargs
	final <T> T oneOf(Supplier<? extends T>... sources) {
		return pick(sources).get();
	}

	/** One time in {@code n}. */
	private boolean oneIn(int n) {
		return this.random.nextInt(n) == 0;
	}

	/** A length, short ones more often, as failures are easier to read. */
	private int length(int min, int max) {
		int upper = oneIn(2) ? Math.min(max, min + 8) : max;
		return this.random.nextInt(min, upper + 1);
	}

	/**
	 * Any unicode text: printable ASCII, syntax characters, control characters (C0, DEL,
	 * C1), any BMP character, astral ones (two chars each), and odd ones (BOM, line
	 * separator, combining marks, case folding that changes the length).
	 */
	String string(int min, int max) {
		if (oneIn(8)) {
			List<String> fitting = EDGE_STRINGS.stream().filter((s) -> s.length() >= min && s.length() <= max).toList();
			return pick(fitting.toArray(String[]::new));
		}
		int length = length(min, max);
		StringBuilder text = new StringBuilder(length);
		while (text.length() < length) {
			int codePoint = switch (this.random.nextInt(10)) {
				case 0, 1, 2 -> this.random.nextInt(' ', '~' + 1);
				case 3, 4 -> SYNTAX.charAt(this.random.nextInt(SYNTAX.length()));
				case 5 -> pick(this.random.nextInt(0, 32), 0x7f, this.random.nextInt(0x80, 0xa0));
				case 6, 7 -> bmp();
				case 8 -> this.random.nextInt(0x10000, Character.MAX_CODE_POINT + 1);
				default -> EDGE_STRINGS.get(this.random.nextInt(1, EDGE_STRINGS.size())).codePointAt(0);
			};
			if (text.length() + Character.charCount(codePoint) <= length) {
				text.appendCodePoint(codePoint);
			}
		}
		return text.toString();
	}

	private int bmp() {
		int c = this.random.nextInt(0, 0x10000 - 0x800);
		return (c < 0xd800) ? c : c + 0x800;
	}

	/** Printable ASCII, as a header value may hold. */
	String printable(int min, int max) {
		if (oneIn(8)) {
			return String.valueOf(pick(' ', '~')).repeat(Math.max(min, 1));
		}
		int length = length(min, max);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) this.random.nextInt(' ', '~' + 1));
		}
		return text.toString();
	}

	/** Any bytes: often empty or a single boundary byte. */
	byte[] bytes(int max) {
		if (oneIn(8)) {
			return pick(new byte[0], new byte[] { 0 }, new byte[] { -1 }, new byte[] { 0x7f }, new byte[] { -128 });
		}
		byte[] bytes = new byte[length(0, max)];
		this.random.nextBytes(bytes);
		return bytes;
	}

	int anyInt() {
		return switch (this.random.nextInt(4)) {
			case 0 -> EDGE_INTS[this.random.nextInt(EDGE_INTS.length)];
			case 1 -> this.random.nextInt(-1000, 1001);
			default -> this.random.nextInt();
		};
	}

	long anyLong() {
		return switch (this.random.nextInt(4)) {
			case 0 -> EDGE_LONGS[this.random.nextInt(EDGE_LONGS.length)];
			case 1 -> this.random.nextLong(-1000, 1001);
			default -> this.random.nextLong();
		};
	}

	/** A finite double: a boundary one, a decimal with two places, or any bits. */
	double anyDouble() {
		return switch (this.random.nextInt(4)) {
			case 0 -> EDGE_DOUBLES[this.random.nextInt(EDGE_DOUBLES.length)];
			case 1 -> this.random.nextLong(-100_000_000, 100_000_001) / 100.0;
			default -> {
				double value;
				do {
					value = Double.longBitsToDouble(this.random.nextLong());
				}
				while (!Double.isFinite(value));
				yield value;
			}
		};
	}

	/**
	 * JSON as Jackson writes it from maps and lists: arrays of up to 4 and objects of up
	 * to 5 members, nested 3 deep, sometimes cut short by a scalar.
	 * @param keys the member names
	 * @param words strings that mean something to the service (field names, a date)
	 */
	Object json(List<String> keys, List<String> words) {
		return json(3, keys, words);
	}

	private Object json(int depth, List<String> keys, List<String> words) {
		if (depth == 0 || oneIn(8)) {
			return oneOf(() -> string(0, 300), this::anyInt, this::anyLong, this::anyDouble, this.random::nextBoolean,
					() -> null, () -> pick(words.toArray()));
		}
		if (this.random.nextBoolean()) {
			List<Object> list = new ArrayList<>();
			for (int i = length(0, 4); i > 0; i--) {
				list.add(json(depth - 1, keys, words));
			}
			return list;
		}
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = length(0, 5); i > 0; i--) {
			map.put(pick(keys.toArray(String[]::new)), json(depth - 1, keys, words));
		}
		return map;
	}

	/**
	 * A fuzz test: a {@code @ParameterizedTest} over {@link #cases} whose failure says
	 * how to run the failing case again.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@ParameterizedTest(name = "{argumentSetName}")
	@ExtendWith(Replay.class)
	@interface Test {

	}

	/** Puts the command that replays a failing case in front of its failure. */
	static final class Replay implements TestExecutionExceptionHandler {

		@Override
		public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
			String test = context.getRequiredTestClass().getSimpleName() + "#"
					+ context.getRequiredTestMethod().getName();
			throw new AssertionError(
					"Replay this case: ./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false"
							+ " -Dit.test=" + test + " " + context.getDisplayName() + "  (the whole run: -D" + SEED
							+ "=" + RUN_SEED + ")\n" + failure,
					failure);
		}

	}

}
