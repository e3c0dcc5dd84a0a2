package scenarios;

import java.util.ArrayList;
import java.util.List;

import io.flarekit.core.model.RenamedFrom;
import io.flarekit.core.model.UtcTimestampConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Successive versions of the entities of the migration scenarios. They live outside the
 * application's package so that the running service never maps them; each scenario hands
 * the generator only the versions it needs.
 */
public final class Scenario {

	private Scenario() {
	}

	/**
	 * The entities of a scenario with the converter every entity's timestamps use.
	 * @param entities entity classes of this file
	 * @return the classes the generator reads
	 */
	public static List<Class<?>> withConverter(Class<?>... entities) {
		List<Class<?>> classes = new ArrayList<>(List.of(entities));
		classes.add(UtcTimestampConverter.class);
		return classes;
	}

	/**
	 * Inserts products {@code p0}, {@code p1}, … into a {@code products} table of
	 * {@link ProductV1}'s shape or later; every other one has no price.
	 * @param db the database
	 * @param count how many
	 */
	public static void products(JdbcTemplate db, int count) {
		for (int i = 0; i < count; i++) {
			db.update("insert into products (id, name, price) values (?, ?, ?)", "p" + i, "Product " + i,
					(i % 2 == 0) ? i * 10 : null);
		}
	}

	@Entity(name = "ProductV1")
	@Table(name = "products")
	public static class ProductV1 {

		@Id
		String id;

		@Column(nullable = false)
		String name;

		Integer price;

	}

	/** Adds a nullable column. */
	@Entity(name = "ProductV2")
	@Table(name = "products")
	public static class ProductV2 {

		@Id
		String id;

		@Column(nullable = false)
		String name;

		Integer price;

		String description;

	}

	/** Adds a NOT NULL column with a default. */
	@Entity(name = "ProductV3")
	@Table(name = "products")
	public static class ProductV3 {

		@Id
		String id;

		@Column(nullable = false)
		String name;

		Integer price;

		String description;

		@Column(nullable = false)
		@ColumnDefault("0")
		Integer stock;

	}

	/** Drops {@code description}. */
	@Entity(name = "ProductV4")
	@Table(name = "products")
	public static class ProductV4 {

		@Id
		String id;

		@Column(nullable = false)
		String name;

		Integer price;

		@Column(nullable = false)
		@ColumnDefault("0")
		Integer stock;

	}

	/**
	 * Changes {@code price} from integer to text (widening) and makes it NOT NULL with a
	 * default.
	 */
	@Entity(name = "ProductV5")
	@Table(name = "products")
	public static class ProductV5 {

		@Id
		String id;

		@Column(nullable = false)
		String name;

		@Column(nullable = false)
		@ColumnDefault("'free'")
		String price;

		@Column(nullable = false)
		@ColumnDefault("0")
		Integer stock;

	}

	/** Adds a unique constraint and an index. */
	@Entity(name = "ProductV6")
	@Table(name = "products", uniqueConstraints = @UniqueConstraint(name = "ux_products_name", columnNames = "name"),
			indexes = @Index(name = "idx_products_stock", columnList = "stock"))
	public static class ProductV6 {

		@Id
		String id;

		@Column(nullable = false)
		String name;

		@Column(nullable = false)
		@ColumnDefault("'free'")
		String price;

		@Column(nullable = false)
		@ColumnDefault("0")
		Integer stock;

	}

	/** Renames the table to {@code items} and {@code name} to {@code title}. */
	@Entity(name = "ItemV7")
	@Table(name = "items", uniqueConstraints = @UniqueConstraint(name = "ux_products_name", columnNames = "title"),
			indexes = @Index(name = "idx_products_stock", columnList = "stock"))
	@RenamedFrom("products")
	public static class ItemV7 {

		@Id
		String id;

		@Column(nullable = false)
		@RenamedFrom("name")
		String title;

		@Column(nullable = false)
		@ColumnDefault("'free'")
		String price;

		@Column(nullable = false)
		@ColumnDefault("0")
		Integer stock;

	}

	/** {@link ProductV1} with {@code name} narrowed from text to integer. */
	@Entity(name = "ProductNarrowed")
	@Table(name = "products")
	public static class ProductNarrowed {

		@Id
		String id;

		@Column(nullable = false)
		Integer name;

		Integer price;

	}

	/** Users with an email index that ignores case among live rows. */
	@Entity(name = "Account")
	@Table(name = "accounts")
	@io.flarekit.core.model.TableIndex(name = "ux_accounts_email", unique = true, on = "lower(email)",
			where = "deleted_at is null")
	public static class Account {

		@Id
		String id;

		String email;

		String deletedAt;

	}

	@Entity(name = "Parent")
	@Table(name = "parents")
	public static class Parent {

		@Id
		String id;

		Integer rank;

	}

	/**
	 * {@link Parent} with {@code rank} turned to text, NOT NULL with a default, and a new
	 * column: a rebuild.
	 */
	@Entity(name = "ParentRebuilt")
	@Table(name = "parents")
	public static class ParentRebuilt {

		@Id
		String id;

		@Column(nullable = false)
		@ColumnDefault("'none'")
		String rank;

		String note;

	}

	@Entity(name = "Child")
	@Table(name = "children", indexes = @Index(name = "idx_children_parent", columnList = "parent_id"))
	public static class Child {

		@Id
		String id;

		@ManyToOne
		@JoinColumn(name = "parent_id", nullable = false)
		@OnDelete(action = OnDeleteAction.CASCADE)
		Parent parent;

	}

	@Entity(name = "ChildOfRebuilt")
	@Table(name = "children", indexes = @Index(name = "idx_children_parent", columnList = "parent_id"))
	public static class ChildOfRebuilt {

		@Id
		String id;

		@ManyToOne
		@JoinColumn(name = "parent_id", nullable = false)
		@OnDelete(action = OnDeleteAction.CASCADE)
		ParentRebuilt parent;

	}

	/**
	 * A child that points at its parent by a plain column: adding the foreign key is the
	 * change.
	 */
	@Entity(name = "LooseChild")
	@Table(name = "children", indexes = @Index(name = "idx_children_parent", columnList = "parent_id"))
	public static class LooseChild {

		@Id
		String id;

		@Column(name = "parent_id", nullable = false)
		String parentId;

	}

}
