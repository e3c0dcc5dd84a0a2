package io.flarekit.safety;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 32 clients create, update, delete and read at once for a bounded time: no 5xx, and
 * afterwards the database holds exactly the writes that were acknowledged.
 */
class LoadIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int CLIENTS = 32;

	private static final long SECONDS = 8;

	@TempDir
	Path data;

	/** What a client was told happened to one of its users. */
	private record Acknowledged(String name, boolean deleted) {
	}

	@Test
	void mixedLoadLosesNothingAndNeverFails() throws Exception {
		Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
		AtomicInteger requests = new AtomicInteger();
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		try (PackagedService service = new PackagedService(this.data).start()) {
			Instant deadline = Instant.now().plusSeconds(SECONDS);
			ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
			List<Future<?>> clients = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				int client = c;
				clients.add(pool.submit(() -> {
					List<String> mine = new ArrayList<>();
					int n = 0;
					while (Instant.now().isBefore(deadline)) {
						int roll = ThreadLocalRandom.current().nextInt(100);
						try {
							HttpResponse<String> response;
							if (roll < 40 || mine.isEmpty()) {
								String name = "c" + client + "-" + (n++);
								response = service.send("POST", "/users",
										"{\"name\":\"" + name + "\",\"email\":\"" + name + "@load.test\"}");
								if (response.statusCode() == 201) {
									String id = JSON.readTree(response.body()).get("id").stringValue();
									mine.add(id);
									acknowledged.put(id, new Acknowledged(name, false));
								}
							}
							else if (roll < 65) {
								String id = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
								String name = "c" + client + "-renamed-" + (n++);
								response = service.send("PATCH", "/users/" + id, "{\"name\":\"" + name + "\"}");
								if (response.statusCode() == 200) {
									acknowledged.put(id, new Acknowledged(name, false));
								}
							}
							else if (roll < 75) {
								String id = mine.remove(ThreadLocalRandom.current().nextInt(mine.size()));
								response = service.send("DELETE", "/users/" + id, null);
								if (response.statusCode() == 200) {
									acknowledged.put(id, new Acknowledged(acknowledged.get(id).name(), true));
								}
							}
							else if (roll < 90) {
								response = service.send("GET", "/users?range=%5B0%2C19%5D", null);
							}
							else {
								String id = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
								response = service.send("GET", "/users/" + id, null);
							}
							requests.incrementAndGet();
							if (response.statusCode() >= 500) {
								failures.add(response.statusCode() + " " + response.body());
							}
						}
						catch (Exception ex) {
							failures.add(ex.toString());
						}
					}
					return null;
				}));
			}
			for (Future<?> client : clients) {
				client.get(2, TimeUnit.MINUTES);
			}
			pool.shutdown();
			service.stop();
			assertThat(failures).as("responses >= 500 or failed requests").isEmpty();
			assertThat(requests.get()).as("the load ran").isGreaterThan(CLIENTS * 10);

			Map<String, Acknowledged> stored = new HashMap<>();
			try (Connection connection = service.connect();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("select id, name, deleted_at from users")) {
				while (rows.next()) {
					stored.put(rows.getString(1), new Acknowledged(rows.getString(2), rows.getString(3) != null));
				}
			}
			assertThat(stored).as("the database holds exactly the acknowledged writes").isEqualTo(acknowledged);
		}
	}

}
