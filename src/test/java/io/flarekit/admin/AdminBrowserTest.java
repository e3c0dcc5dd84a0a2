package io.flarekit.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.flarekit.IntegrationTest;
import io.flarekit.security.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The admin UI in a real browser: runs {@code admin/test/admin.test.mjs} (playwright-core
 * driving Debian's Chromium) against this test's service, which also serves the test
 * entities, so a resource without UI code is shown too. It needs Node, {@code npm ci} in
 * {@code admin/} and {@code /usr/bin/chromium}; without them it is skipped, except under
 * CI ({@code CI=true}), where it fails instead. Screenshots go to
 * {@code target/admin-screenshots}, or where {@code -Dadmin.screenshots} says
 * ({@code docs/admin} refreshes the documentation's).
 * <p>
 * The service also trusts an identity provider made here (a key pair, its JWK set served
 * on loopback), whose private key the browser tests get to sign tokens of their own
 * ({@code admin/test/jwt.test.mjs}); the role {@code viewer} may list and read users, and
 * nothing else.
 */
@TestPropertySource(properties = { "flarekit.access.resources.users.list=role:viewer",
		"flarekit.access.resources.users.read=role:viewer" })
class AdminBrowserTest extends IntegrationTest {

	private static final TestIdentityProvider PROVIDER = new TestIdentityProvider();

	private static final Path ADMIN = Path.of("admin");

	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) {
		PROVIDER.use(registry);
	}

	@AfterAll
	static void stop() {
		PROVIDER.close();
	}

	@Test
	void theAdminWorksInARealBrowser() throws Exception {
		requireTools();
		Path log = Files.createDirectories(Path.of("target")).resolve("admin-browser-test.log");
		Path screenshots = Path.of(System.getProperty("admin.screenshots", "target/admin-screenshots"));
		ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=spec",
				"test/")
			.directory(ADMIN.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		node.environment().put("FLAREKIT_URL", "http://localhost:" + this.port);
		node.environment().put("FLAREKIT_ADMIN_KEY", ADMIN_KEY);
		node.environment().put("CHROMIUM", CHROMIUM.toString());
		node.environment().put("FLAREKIT_TEST_ENTITIES", "true");
		node.environment().put("FLAREKIT_JWT_KEY", PROVIDER.privateJwk());
		node.environment().put("FLAREKIT_JWT_ISSUER", TestIdentityProvider.ISSUER);
		node.environment().put("SCREENSHOTS", screenshots.toAbsolutePath().toString());
		Process process = node.start();
		boolean done = process.waitFor(6, TimeUnit.MINUTES);
		if (!done) {
			process.destroyForcibly();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		System.out.println(output);
		assertThat(done).as("the browser tests finish within 6 minutes").isTrue();
		assertThat(process.exitValue()).as("the browser tests pass; see " + log + "\n" + output).isZero();
		assertThat(output).contains("login page interactive")
			.contains("a token with roles signs in")
			.contains("accessible")
			.contains("ℹ skipped 0");
	}

	/** Skips on a machine without the tools; under CI, fails instead. */
	private static void requireTools() {
		List<String> missing = new java.util.ArrayList<>();
		if (!runs("node", "--version")) {
			missing.add("Node (node on the PATH)");
		}
		if (!Files.isDirectory(ADMIN.resolve("node_modules/playwright-core"))) {
			missing.add("admin/node_modules (run npm ci in admin/)");
		}
		if (!Files.isExecutable(CHROMIUM)) {
			missing.add("Chromium at " + CHROMIUM + " (apt-get install -y chromium)");
		}
		if (missing.isEmpty()) {
			return;
		}
		String message = "The admin's browser tests need " + String.join(", ", missing);
		if ("true".equals(System.getenv("CI"))) {
			fail(message + "; under CI they may not be skipped");
		}
		Assumptions.abort(message);
	}

	private static boolean runs(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
