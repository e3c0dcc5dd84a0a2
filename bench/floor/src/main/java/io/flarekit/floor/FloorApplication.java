package io.flarekit.floor;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The floor of the benchmark: each scenario's query written by hand with plain JDBC, so
 * that the report can state what the generic layer costs. It parses only the parameters
 * the benchmark sends.
 */
@SpringBootApplication
@RestController
public class FloorApplication {

	private static final DateTimeFormatter NOW = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS")
		.withZone(ZoneOffset.UTC);

	// quoted aliases: PostgreSQL folds unquoted names to lower case
	private static final String COLUMNS = "id, name, email, created_at as \"createdAt\", updated_at as \"updatedAt\", "
			+ "deleted_at as \"deletedAt\"";

	private final JdbcTemplate jdbc;

	private final Path blobs;

	FloorApplication(JdbcTemplate jdbc, org.springframework.core.env.Environment environment) {
		this.jdbc = jdbc;
		this.blobs = Path.of(environment.getRequiredProperty("floor.blobs"));
	}

	public static void main(String[] args) {
		SpringApplication.run(FloorApplication.class, args);
	}

	@GetMapping("/users/{id}")
	ResponseEntity<Map<String, Object>> user(@PathVariable String id) {
		List<Map<String, Object>> rows = this.jdbc
			.queryForList("select " + COLUMNS + " from users where id = ? and deleted_at is null", id);
		return rows.isEmpty() ? ResponseEntity.notFound().build() : ResponseEntity.ok(rows.get(0));
	}

	@GetMapping("/users")
	ResponseEntity<List<Map<String, Object>>> users(@RequestParam(defaultValue = "0") long start,
			@RequestParam(defaultValue = "9") long end, @RequestParam(required = false) String email,
			@RequestParam(required = false) String q) {
		String where = " from users where deleted_at is null";
		Object[] arguments = {};
		if (email != null) {
			where += " and email = ?";
			arguments = new Object[] { email };
		}
		else if (q != null) {
			where += " and (lower(name) like ? escape '\\' or lower(email) like ? escape '\\')";
			String pattern = "%" + q.toLowerCase() + "%";
			arguments = new Object[] { pattern, pattern };
		}
		long size = end - start + 1;
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"select " + COLUMNS + where + " order by created_at desc, id desc limit " + size + " offset " + start,
				arguments);
		long total = (rows.size() < size) ? start + rows.size()
				: this.jdbc.queryForObject("select count(*)" + where, Long.class, arguments);
		return ResponseEntity.ok()
			.header("Content-Range", "users " + start + "-" + (start + rows.size() - 1) + "/" + total)
			.body(rows);
	}

	/** The keyset page after a row, as an expert writes it for SQLite: a row-value seek. */
	@GetMapping(path = "/users", params = "afterId")
	List<Map<String, Object>> usersAfter(@RequestParam String afterCreatedAt, @RequestParam String afterId,
			@RequestParam(defaultValue = "10") int size) {
		return this.jdbc.queryForList("select " + COLUMNS + " from users where deleted_at is null"
				+ " and (created_at, id) < (?, ?) order by created_at desc, id desc limit " + size, afterCreatedAt,
				afterId);
	}

	@PostMapping("/users")
	ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, String> body) {
		String id = UUID.randomUUID().toString();
		String now = NOW.format(Instant.now());
		this.jdbc.update("insert into users (id, name, email, created_at, updated_at) values (?, ?, ?, ?, ?)", id,
				body.get("name").strip(), body.get("email").strip(), now, now);
		return ResponseEntity.status(201)
			.body(this.jdbc.queryForMap("select " + COLUMNS + " from users where id = ?", id));
	}

	@PutMapping("/users/{id}")
	ResponseEntity<Map<String, Object>> update(@PathVariable String id, @RequestBody Map<String, String> body) {
		int changed = this.jdbc.update(
				"update users set name = coalesce(?, name), updated_at = ? where id = ? and deleted_at is null",
				body.get("name"), NOW.format(Instant.now()), id);
		return (changed == 0) ? ResponseEntity.notFound().build()
				: ResponseEntity.ok(this.jdbc.queryForMap("select " + COLUMNS + " from users where id = ?", id));
	}

	@GetMapping("/storage/{id}/content")
	ResponseEntity<Resource> content(@PathVariable String id) {
		Map<String, Object> row = this.jdbc.queryForMap("select hash, mime_type from storage where id = ?", id);
		String hash = (String) row.get("hash");
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType((String) row.get("mime_type")))
			.eTag(hash)
			.body(new FileSystemResource(this.blobs.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash)));
	}

}
