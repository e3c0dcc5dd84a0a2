package io.flarekit.safety;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;

import static io.flarekit.safety.Acknowledgements.BOUNDARY;
import static io.flarekit.safety.Acknowledgements.acknowledged;
import static io.flarekit.safety.Acknowledgements.multipart;
import static io.flarekit.safety.Acknowledgements.sha256;
import static io.flarekit.safety.Ledger.GONE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes and reads of one kind of record through a packaged service, for the load workers
 * of {@link TwoInstancesIT}; each write checks its acknowledgement.
 */
interface Records {

	/**
	 * The most records a worker keeps: few make a blob's last reference come and go.
	 */
	int most();

	/** A state for a create or an update. */
	String next(ThreadLocalRandom random);

	/**
	 * @return the new record's id
	 */
	String create(PackagedService target, String name, String state) throws Exception;

	void update(PackagedService target, String id, String state) throws Exception;

	void delete(PackagedService target, String id) throws Exception;

	/** The record's state, or {@link Ledger#GONE}. */
	String state(PackagedService reader, String id) throws Exception;

	/** Users, by their name; deleted softly. */
	static final class Users implements Records {

		@Override
		public int most() {
			return 10;
		}

		@Override
		public String next(ThreadLocalRandom random) {
			return "n" + random.nextInt(1_000_000);
		}

		@Override
		public String create(PackagedService target, String name, String state) throws IOException {
			String email = name + "@two.test";
			JsonNode user = acknowledged(
					target.send("POST", "/users", "{\"name\":\"" + state + "\",\"email\":\"" + email + "\"}"), 201,
					"POST /users");
			assertThat(user.get("name").stringValue()).as(user.toString()).isEqualTo(state);
			assertThat(user.get("email").stringValue()).as(user.toString()).isEqualTo(email);
			return user.get("id").stringValue();
		}

		@Override
		public void update(PackagedService target, String id, String state) throws IOException {
			JsonNode user = acknowledged(target.send("PATCH", "/users/" + id, "{\"name\":\"" + state + "\"}"), 200,
					"PATCH /users/" + id);
			assertThat(user.get("name").stringValue()).as(user.toString()).isEqualTo(state);
		}

		@Override
		public void delete(PackagedService target, String id) throws IOException {
			acknowledged(target.send("DELETE", "/users/" + id, null), 200, "DELETE /users/" + id);
		}

		@Override
		public String state(PackagedService reader, String id) throws IOException {
			HttpResponse<String> user = reader.send("GET", "/users/" + id, null);
			return (user.statusCode() == 404) ? GONE
					: acknowledged(user, 200, "GET /users/" + id).get("name").stringValue();
		}

	}

	/**
	 * Files, by the hash of the content they download with, out of a few contents shared
	 * with another worker; deleted permanently.
	 */
	static final class StoredFiles implements Records {

		private final Map<String, byte[]> contents;

		private final List<String> shared;

		/**
		 * @param contents files' bytes by their hash
		 * @param shared the hashes of those this worker uploads
		 */
		StoredFiles(Map<String, byte[]> contents, List<String> shared) {
			this.contents = contents;
			this.shared = shared;
		}

		@Override
		public int most() {
			return 2;
		}

		@Override
		public String next(ThreadLocalRandom random) {
			return this.shared.get(random.nextInt(this.shared.size()));
		}

		@Override
		public String create(PackagedService target, String name, String hash) throws Exception {
			JsonNode uploaded = acknowledged(send(target, "POST", "/storage", name, hash), 201, "POST /storage");
			assertThat(uploaded.get("rejected")).as(uploaded.toString()).isEmpty();
			assertThat(uploaded.at("/data/0/hash").stringValue()).as(uploaded.toString()).isEqualTo(hash);
			return uploaded.at("/data/0/id").stringValue();
		}

		@Override
		public void update(PackagedService target, String id, String hash) throws Exception {
			JsonNode file = acknowledged(send(target, "PUT", "/storage/" + id, id, hash), 200, "PUT /storage/" + id);
			assertThat(file.get("hash").stringValue()).as(file.toString()).isEqualTo(hash);
		}

		@Override
		public void delete(PackagedService target, String id) throws IOException {
			acknowledged(target.send("DELETE", "/storage/" + id + "?permanent=true", null), 200,
					"DELETE /storage/" + id);
		}

		@Override
		public String state(PackagedService reader, String id) throws Exception {
			HttpResponse<byte[]> content = PackagedService.HTTP.send(
					reader.request("/storage/" + id + "/content").timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (content.statusCode() == 404) {
				return GONE;
			}
			assertThat(content.statusCode()).as("GET /storage/%s/content", id).isEqualTo(200);
			return sha256(content.body());
		}

		private HttpResponse<String> send(PackagedService target, String method, String path, String name, String hash)
				throws Exception {
			return PackagedService.HTTP.send(target.request(path)
				.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
				.method(method,
						HttpRequest.BodyPublishers.ofByteArray(multipart(name + ".png", this.contents.get(hash))))
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

}
