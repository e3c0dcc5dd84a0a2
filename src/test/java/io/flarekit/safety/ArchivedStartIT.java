package io.flarekit.safety;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production command of docs/deployment.md, step by step: the jar extracted, one
 * training start that writes the class archive, then the service started from the
 * archive. The start requires the archive ({@code -Xshare:on}, on JDK 24+
 * {@code -XX:AOTMode=on}): a JVM that cannot map it refuses to start instead of starting
 * slowly, so the test fails when the documented steps stop producing a usable archive.
 */
class ArchivedStartIT {

	private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

	private static final boolean AOT_CACHE = Runtime.version().feature() >= 24;

	@TempDir
	Path dir;

	@Test
	void theDocumentedCommandStartsFromItsArchiveAndAnswers() throws Exception {
		Path app = this.dir.resolve("app");
		Path jar = app.resolve("flarekit.jar");
		run("extract", JAVA, "-Djarmode=tools", "-jar", PackagedService.jar().toAbsolutePath().toString(), "extract",
				"--destination", app.toString(), "--application-filename", "flarekit.jar");
		Path archive = app.resolve(AOT_CACHE ? "flarekit.aot" : "flarekit.jsa");
		Path training = this.dir.resolve("training");
		// PackagedService starts the JVM with --enable-native-access: the training start
		// must
		// have the same module options, or the JDK 24+ AOT cache refuses to load
		run("training", JAVA, (AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive,
				"--enable-native-access=ALL-UNNAMED", "-Dspring.context.exit=onRefresh", "-jar", jar.toString(),
				"--flarekit.database.path=" + training.resolve("flarekit.db"),
				"--flarekit.storage.blob-dir=" + training.resolve("blobs"),
				"--flarekit.storage.uploads.dir=" + training.resolve("uploads"),
				"--flarekit.security.bootstrap-admin-key=" + PackagedService.ADMIN_KEY);
		assertThat(archive).isRegularFile();

		String[] options = AOT_CACHE
				? new String[] { "-XX:AOTCache=" + archive, "-XX:AOTMode=on", "-Xms32m", "-Xmx512m",
						"-XX:+UseSerialGC" }
				: new String[] { "-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-Xms32m", "-Xmx512m",
						"-XX:+UseSerialGC" };
		try (PackagedService service = new PackagedService(this.dir.resolve("data")).runningJar(jar, options).start()) {
			HttpResponse<String> welcome = PackagedService.HTTP.send(service.request("/").build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(welcome.statusCode()).isEqualTo(200);
			HttpResponse<String> users = PackagedService.HTTP.send(service.request("/users").build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(users.statusCode()).isEqualTo(200);
		}
	}

	private void run(String step, String... command) throws IOException, InterruptedException {
		Path log = this.dir.resolve(step + ".log");
		Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(step + " did not end in 180 s:\n" + Files.readString(log));
		}
		assertThat(process.exitValue()).as("%s exited with:%n%s", step, Files.readString(log, StandardCharsets.UTF_8))
			.isZero();
	}

}
