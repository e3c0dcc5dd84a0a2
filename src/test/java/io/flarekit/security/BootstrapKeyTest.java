package io.flarekit.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flarekit.FlarekitApplication;
import io.flarekit.core.service.CrudServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The first start, on a database of its own: the operator's bootstrap key is stored as
 * the admin key when there is none; without it a key is made and printed once, and a
 * second start on the same file prints nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapKeyTest {

	private static final Pattern PRINTED_KEY = Pattern.compile("fk_[A-Za-z0-9_-]{43}");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@TempDir
	Path data;

	@Test
	void theOperatorsKeyIsStoredHashedAsTheAdminKeyWhenThereIsNone(CapturedOutput output) throws Exception {
		String key = "operator-chosen-secret-0123456789-abcdefghij";
		try (ConfigurableApplicationContext service = start("--flarekit.security.bootstrap-admin-key=" + key)) {
			assertThat(status(service, "/users", key)).isEqualTo(200);
			assertThat(status(service, "/users", key + "x")).isEqualTo(401);
		}
		try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + this.data.resolve("flarekit.db"));
				ResultSet rows = db.createStatement().executeQuery("select key_hash, roles from api_keys")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString("key_hash")).isEqualTo(KeySecrets.hash(key));
			assertThat(rows.getString("roles")).isEqualTo("admin");
			assertThat(rows.next()).isFalse();
		}
		assertThat(output.getAll()).doesNotContain(key);
		assertThat(PRINTED_KEY.matcher(output.getAll()).find()).isFalse();
	}

	@Test
	void withoutAKeyOneIsMadeAndPrintedOnceAcrossRestarts(CapturedOutput output) throws Exception {
		String printed;
		try (ConfigurableApplicationContext service = start()) {
			Matcher matcher = PRINTED_KEY.matcher(output.getAll());
			assertThat(matcher.find()).as(output.getAll()).isTrue();
			printed = matcher.group();
			assertThat(matcher.find()).isFalse();
			assertThat(status(service, "/users", printed)).isEqualTo(200);
		}
		int before = output.getAll().length();
		try (ConfigurableApplicationContext service = start()) {
			assertThat(status(service, "/users", printed)).isEqualTo(200);
		}
		String secondStart = output.getAll().substring(before);
		assertThat(secondStart).contains("Started").doesNotContain(printed);
		assertThat(PRINTED_KEY.matcher(secondStart).find()).isFalse();
	}

	@Test
	void aShortBootstrapKeyIsRefusedNamingTheSetting() {
		Binder binder = new Binder(new MapConfigurationPropertySource(
				Map.of("flarekit.security.bootstrap-admin-key", "only-31-characters-long-secret!")));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> binder.bindOrCreate("flarekit.security", KeyProperties.class))
			.havingRootCause()
			.withMessageStartingWith(
					"flarekit.security.bootstrap-admin-key must be at least 32 characters (it has 31)");
		Binder spaced = new Binder(new MapConfigurationPropertySource(
				Map.of("flarekit.security.bootstrap-admin-key", "a secret with spaces in it, 40 chars..")));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> spaced.bindOrCreate("flarekit.security", KeyProperties.class))
			.havingRootCause()
			.withMessageStartingWith("flarekit.security.bootstrap-admin-key must be at most 512 characters of");
	}

	@Test
	void instancesStartingAtOnceOnANewDatabaseAcceptTheKeyAnotherStoredMeanwhile() {
		String key = "operator-chosen-secret-0123456789-abcdefghij";
		try (ConfigurableApplicationContext service = start("--flarekit.security.bootstrap-admin-key=" + key)) {
			KeyProperties properties = service.getBean(KeyProperties.class);
			// another instance stored the key after this one found no admin key...
			new BootstrapAdminKey(new LateToSee(service, false), properties).afterSingletonsInstantiated();
			// ...or even after this one looked the key up: storing it again conflicts
			new BootstrapAdminKey(new LateToSee(service, true), properties).afterSingletonsInstantiated();
			assertThat(service.getBean(ApiKeys.class).active()).hasSize(1);
		}
	}

	/**
	 * The database as an instance starting alongside another sees it: no admin key at its
	 * first look, and, when {@code missesTheKey}, not the operator's key either.
	 */
	private static final class LateToSee extends ApiKeys {

		private final boolean missesTheKey;

		private boolean looked;

		LateToSee(ConfigurableApplicationContext service, boolean missesTheKey) {
			super(service.getBean(CrudServices.class), service.getBean(KeyCache.class));
			this.missesTheKey = missesTheKey;
		}

		@Override
		boolean activeAdminExists(Instant now) {
			boolean first = !this.looked;
			this.looked = true;
			return !first && super.activeAdminExists(now);
		}

		@Override
		Optional<ApiKey> findAny(String hash) {
			return (this.missesTheKey) ? Optional.empty() : super.findAny(hash);
		}

	}

	private ConfigurableApplicationContext start(String... more) {
		String[] arguments = { "--server.port=0", "--flarekit.database.path=" + this.data.resolve("flarekit.db"),
				"--flarekit.storage.blob-dir=" + this.data.resolve("blobs"),
				"--flarekit.storage.uploads.dir=" + this.data.resolve("uploads") };
		String[] all = new String[arguments.length + more.length];
		System.arraycopy(arguments, 0, all, 0, arguments.length);
		System.arraycopy(more, 0, all, arguments.length, more.length);
		return new SpringApplicationBuilder(FlarekitApplication.class).run(all);
	}

	private static int status(ConfigurableApplicationContext service, String path, String key) throws Exception {
		URI uri = URI.create("http://localhost:" + service.getEnvironment().getProperty("local.server.port") + path);
		return HTTP
			.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
