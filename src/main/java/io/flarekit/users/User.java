package io.flarekit.users;

import io.flarekit.core.model.SoftDeletableEntity;
import io.flarekit.core.model.TableIndex;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A person who uses the product. Email addresses are unique ignoring case among users
 * that are not deleted, so a deleted user's address can sign up again. The index on
 * creation time (with the id, the tie-breaker) serves the default order, newest first,
 * without sorting the table; its partial twin over live users serves the default list,
 * which SQLite otherwise may plan on {@code ux_users_email} and a sort of the whole table
 * when its statistics are missing (docs/decisions.md), and skips an offset's rows without
 * reading them.
 */
@Entity
@Table(name = "users",
		indexes = { @Index(name = "idx_users_created_at", columnList = "created_at, id"),
				@Index(name = "idx_users_email", columnList = "email") })
@TableIndex(name = "ux_users_email", unique = true, on = "lower(email)", where = "deleted_at is null", field = "email")
@TableIndex(name = "idx_users_live_created_at", on = "created_at, id", where = "deleted_at is null")
public class User extends SoftDeletableEntity {

	@NotBlank
	@Size(max = 200)
	@Column(nullable = false)
	private String name;

	@NotBlank
	@Email
	@Size(max = 320)
	@Column(nullable = false)
	private String email;

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = (name != null) ? name.strip() : null;
	}

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = (email != null) ? email.strip() : null;
	}

}
