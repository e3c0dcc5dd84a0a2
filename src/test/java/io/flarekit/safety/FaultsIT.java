package io.flarekit.safety;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures of the machine, not of the request: a blob folder that cannot be written, a
 * corrupt or locked database file at start. A full disk: {@link DiskFullIT}.
 */
class FaultsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
			'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, (byte) 0x90, 0x77, 0x53, (byte) 0xde };

	@TempDir
	Path data;

	@Test
	void anUnwritableBlobFolderGivesAClear5xxAndLeavesTheDatabaseUnchanged() throws Exception {
		try (PackagedService service = new PackagedService(this.data).start()) {
			Path staging = service.blobs().resolve(".staging");
			FileSystemUtils.deleteRecursively(staging);
			Files.writeString(staging, "a file where the staging folder should be");
			HttpResponse<String> response = service.upload(PNG);
			assertThat(response.statusCode()).isIn(503, 507);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = JSON.readTree(response.body());
			assertThat(problem.get("message").stringValue()).isNotBlank();
			assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
			try (Connection connection = service.connect();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("select count(*) from storage")) {
				rows.next();
				assertThat(rows.getInt(1)).as("no record without its blob").isZero();
			}
			Files.delete(staging);
			Files.createDirectories(staging);
			assertThat(service.upload(PNG).statusCode()).as("it recovers once the folder is back").isEqualTo(201);
		}
	}

	@Test
	void aCorruptDatabaseStopsTheStartWithAPlainMessage() throws Exception {
		Files.createDirectories(this.data);
		Files.writeString(this.data.resolve("flarekit.db"),
				"this is not a SQLite database, only some text ".repeat(100));
		try (PackagedService service = new PackagedService(this.data).launch()) {
			int exit = service.waitForExit(Duration.ofSeconds(90));
			assertThat(exit).isNotZero();
			String output = service.logText();
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("is not a SQLite database, or it is corrupt")
				.contains("Restore the file from a backup");
			assertThat(output.lines().filter((line) -> line.startsWith("\tat "))).as("no stack trace wall").isEmpty();
		}
	}

	@Test
	void aLockedDatabaseStopsTheStartWithAPlainMessage() throws Exception {
		Files.createDirectories(this.data);
		try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + this.data.resolve("flarekit.db"));
				Statement statement = holder.createStatement()) {
			statement.execute("create table holder (x)");
			holder.setAutoCommit(false);
			statement.execute("insert into holder values (1)");
			statement.execute("pragma locking_mode = exclusive");
			statement.execute("select * from holder");
			holder.commit();
			statement.execute("insert into holder values (2)");
			try (PackagedService service = new PackagedService(this.data, "--flarekit.database.busy-timeout=1s")
				.launch()) {
				int exit = service.waitForExit(Duration.ofSeconds(90));
				assertThat(exit).isNotZero();
				String output = service.logText();
				assertThat(output).contains("APPLICATION FAILED TO START").contains("is locked by another process");
				assertThat(output.lines().filter((line) -> line.startsWith("\tat "))).isEmpty();
			}
			holder.rollback();
		}
	}

}
