package io.flarekit.safety;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code java -jar}) in a child process, on its own port and data
 * folder, as it runs in production: the safety tests start it, load it, kill it and look
 * at what it left on disk.
 * <p>
 * With {@link #onTmpfs} it runs in a user and mount namespace of its own
 * ({@code unshare -rm}, which needs no root) where small file systems are mounted under
 * its data folder: a disk that can really fill up, gone with the process. The test sees
 * those files only through {@code /proc/<pid>/root}, see {@link #onDisk}.
 */
final class PackagedService implements AutoCloseable {

	static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** The admin key the service starts with, and that {@link #request} sends. */
	static final String ADMIN_KEY = "safety-test-admin-key-0123456789abcdefghijklmnop";

	private static final String NEEDS_UNSHARE = " (a test that fills a small disk needs util-linux's unshare, "
			+ "and either root or unprivileged user namespaces)";

	private final Path data;

	private final List<String> extraArguments;

	private final int port;

	private final Map<String, String> tmpfs = new LinkedHashMap<>();

	private final Map<String, String> environment = new LinkedHashMap<>();

	/** The jar to run; null: the packaged jar. */
	private Path runJar;

	private List<String> jvmOptions = List.of("-Xmx256m");

	private Process process;

	PackagedService(Path data, String... extraArguments) {
		this.data = data;
		this.extraArguments = List.of(extraArguments);
		this.port = freePort();
	}

	static Path jar() {
		String configured = System.getProperty("flarekit.jar");
		Path jar = (configured != null) ? Path.of(configured) : Path.of("target/flarekit-0.1.0-SNAPSHOT.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No packaged jar at " + jar + ": run ./mvnw verify");
		}
		return jar;
	}

	Path data() {
		return this.data;
	}

	Path database() {
		return this.data.resolve("flarekit.db");
	}

	Path blobs() {
		return this.data.resolve("blobs");
	}

	Path log() {
		return this.data.resolve("service.log");
	}

	/**
	 * Mounts a tmpfs (a file system in memory, of a fixed size) on a folder of the data
	 * folder before the service starts; in the order of the calls, so a later one may lie
	 * inside an earlier one.
	 * @param folder relative to the data folder; {@code ""} for the data folder itself
	 * @param size as {@code mount -o size} takes it ({@code 16m})
	 * @return this
	 */
	PackagedService onTmpfs(String folder, String size) {
		this.tmpfs.put(folder, size);
		return this;
	}

	/**
	 * A path of the service's file system as this process can reach it: through
	 * {@code /proc/<pid>/root} when the service runs in its own mount namespace. Plain
	 * file operations work through it; SQLite does not (it resolves the symbolic link,
	 * which reads {@code /}, and would open the file under that path in this namespace).
	 * @param path a path under the data folder
	 * @return where to read or write it from the test
	 */
	Path onDisk(Path path) {
		if (this.tmpfs.isEmpty()) {
			return path;
		}
		return Path.of("/proc/" + this.process.pid() + "/root" + path.toAbsolutePath());
	}

	/**
	 * Sets an environment variable of the process before it starts: what the service
	 * reads from the environment rather than from its settings (the AWS SDK's
	 * credentials).
	 * @return this
	 */
	PackagedService withEnvironment(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	/**
	 * Runs another jar with other JVM options (in place of the packaged jar and
	 * {@code -Xmx256m}): the extracted jar and its class archive of the production
	 * command.
	 * @return this
	 */
	PackagedService runningJar(Path jar, String... options) {
		this.runJar = jar;
		this.jvmOptions = List.of(options);
		return this;
	}

	/** Starts the process without waiting for it to be ready. */
	PackagedService launch() {
		List<String> command = new ArrayList<>();
		if (!this.tmpfs.isEmpty()) {
			command.addAll(List.of("unshare", "-rm", "sh", "-c",
					"while [ \"$1\" != -- ]; do mkdir -p \"$1\" && mount -t tmpfs -o size=\"$2\" tmpfs \"$1\" || exit 97; "
							+ "shift 2; done; shift; exec \"$@\"",
					"sh"));
			this.tmpfs.forEach((folder, size) -> command.addAll(List.of(this.data.resolve(folder).toString(), size)));
			command.add("--");
		}
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(this.jvmOptions);
		command.add("--enable-native-access=ALL-UNNAMED");
		command.add("-jar");
		command.add(((this.runJar != null) ? this.runJar : jar()).toAbsolutePath().toString());
		command.add("--server.port=" + this.port);
		command.add("--flarekit.database.path=" + database());
		command.add("--flarekit.storage.blob-dir=" + blobs());
		command.add("--flarekit.storage.uploads.dir=" + this.data.resolve("uploads"));
		command.add("--flarekit.security.bootstrap-admin-key=" + ADMIN_KEY);
		command.addAll(this.extraArguments);
		try {
			Files.createDirectories(this.data);
			ProcessBuilder builder = new ProcessBuilder(command);
			builder.environment().putAll(this.environment);
			this.process = builder.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Cannot start " + command.get(0) + ((this.tmpfs.isEmpty()) ? "" : NEEDS_UNSHARE) + ": " + ex, ex);
		}
		return this;
	}

	/** Starts the process and waits until its health endpoint answers UP. */
	PackagedService start() {
		launch();
		Instant deadline = Instant.now().plusSeconds(90);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The service exited with " + this.process.exitValue()
						+ ((this.tmpfs.isEmpty()) ? "" : NEEDS_UNSHARE) + ":\n" + logText());
			}
			try {
				HttpResponse<String> health = HTTP.send(
						HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
					return this;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep(200);
		}
		throw new IllegalStateException("The service did not start in time:\n" + logText());
	}

	/** SIGKILL: no shutdown hook runs, nothing is flushed. */
	void kill() {
		this.process.destroyForcibly();
		waitForExit(Duration.ofSeconds(30));
	}

	/** SIGTERM: a graceful shutdown. */
	void stop() {
		this.process.destroy();
		waitForExit(Duration.ofSeconds(60));
	}

	int waitForExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				throw new IllegalStateException("The service did not exit in time:\n" + logText());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a request with an optional JSON body.
	 * @return the response
	 * @throws IOException when the connection fails (the service died, say)
	 */
	HttpResponse<String> send(String method, String path, String json) throws IOException {
		HttpRequest.Builder request = request(path).timeout(Duration.ofSeconds(60));
		if (json != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	/**
	 * Uploads files to {@code POST /storage} in one request, as the form field
	 * {@code images[]}.
	 * @param contents the files' bytes
	 * @return the response
	 */
	HttpResponse<String> upload(byte[]... contents) throws IOException {
		String boundary = "safety-test-boundary";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int i = 0; i < contents.length; i++) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"images[]\"; filename=\"" + i
					+ ".png\"\r\nContent-Type: image/png\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(contents[i]);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		try {
			return HTTP.send(request("/storage").timeout(Duration.ofSeconds(60))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	/** A request to the service that carries the admin key. */
	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_KEY);
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	String logText() {
		try {
			return Files.exists(log()) ? Files.readString(log()) : "";
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex + ")";
		}
	}

	/**
	 * A direct connection to the database file, for checking what is on disk. When the
	 * service runs on a tmpfs, SQLite cannot open the file through {@code /proc}, so this
	 * connects to a copy of the database and its WAL: take it while no request is
	 * running.
	 */
	Connection connect() throws SQLException {
		if (this.tmpfs.isEmpty()) {
			return DriverManager.getConnection("jdbc:sqlite:" + database());
		}
		try {
			Path copy = Files.createTempDirectory(this.data, "copy-").resolve("flarekit.db");
			Files.copy(onDisk(database()), copy);
			Path wal = onDisk(Path.of(database() + "-wal"));
			if (Files.exists(wal)) {
				Files.copy(wal, Path.of(copy + "-wal"));
			}
			return DriverManager.getConnection("jdbc:sqlite:" + copy);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
