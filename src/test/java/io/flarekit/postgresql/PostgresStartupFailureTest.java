package io.flarekit.postgresql;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import io.flarekit.FlarekitApplication;
import io.flarekit.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A PostgreSQL server the service cannot use stops the start with two sentences naming
 * the setting to fix, not the pool's and Flyway's stack traces: nothing listening at the
 * URL's port, a database that does not exist, a user the server does not know.
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresStartupFailureTest {

	@TempDir
	Path data;

	@Test
	void nothingListeningNamesTheUrl(CapturedOutput output) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		assertThatThrownBy(() -> start("jdbc:postgresql://127.0.0.1:" + port + "/flarekit", "postgres"));
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("The PostgreSQL server of spring.datasource.url cannot be reached")
			.contains("127.0.0.1:" + port)
			.contains("Start the server, or set spring.datasource.url");
	}

	@Test
	void aDatabaseThatDoesNotExistNamesTheUrl(CapturedOutput output) {
		String url = TestPostgres.newDatabase("startup");
		String missing = url.replaceAll("/startup_[0-9a-f]+", "/no_such_database");
		assertThat(missing).isNotEqualTo(url);
		assertThatThrownBy(() -> start(missing, TestPostgres.user()));
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("The database named in spring.datasource.url does not exist")
			.contains("no_such_database");
	}

	@Test
	void anUnknownUserNamesTheCredentials(CapturedOutput output) {
		// without the URL's own ?user=, which would win over the username setting
		String url = TestPostgres.newDatabase("startup").replaceAll("\\?.*", "");
		assertThatThrownBy(() -> start(url, "nobody_here"));
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("PostgreSQL refused the login")
			.contains("spring.datasource.username and spring.datasource.password");
	}

	private void start(String url, String user) {
		new SpringApplicationBuilder(FlarekitApplication.class)
			.properties("server.port=0", "spring.datasource.url=" + url, "spring.datasource.username=" + user,
					"spring.datasource.password=" + TestPostgres.password(),
					"spring.datasource.hikari.initialization-fail-timeout=1",
					"flarekit.storage.blob-dir=" + this.data.resolve("blobs"),
					"flarekit.storage.uploads.dir=" + this.data.resolve("uploads"))
			.run()
			.close();
	}

}
