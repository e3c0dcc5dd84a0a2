package io.flarekit.schema;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The normal form that lets equal schemas compare equal. */
class SchemaTest {

	@Test
	void expressionsAreNormalized() {
		assertThat(Schema.normalize("( LOWER( \"email\" ) )")).isEqualTo("lower(email)");
		assertThat(Schema.normalize("(strftime('%Y-%m-%d %H:%M:%f', 'now'))"))
			.isEqualTo("strftime('%Y-%m-%d %H:%M:%f', 'now')");
		assertThat(Schema.normalize("'Keep  THIS'")).isEqualTo("'Keep  THIS'");
		assertThat(Schema.normalize("(a) + (b)")).isEqualTo("(a) + (b)");
		assertThat(Schema.normalize("deleted_at   IS NULL")).isEqualTo("deleted_at is null");
		assertThat(Schema.normalize(null)).isNull();
	}

	@Test
	void typesAreReducedToSqliteAffinities() {
		assertThat(Schema.affinity("varchar(255)")).isEqualTo("text");
		assertThat(Schema.affinity("BIGINT")).isEqualTo("integer");
		assertThat(Schema.affinity("double precision")).isEqualTo("real");
		assertThat(Schema.affinity("")).isEqualTo("blob");
		assertThat(Schema.affinity("boolean")).isEqualTo("numeric");
		assertThat(Schema.affinity("timestamp")).isEqualTo("numeric");
	}

	@Test
	void listsSplitAtTopLevelCommasOnly() {
		assertThat(SqlSyntax.splitTopLevel("a, lower(b), coalesce(c, 'x,y')")).containsExactly("a", "lower(b)",
				"coalesce(c, 'x,y')");
		assertThat(SqlSyntax.closingParenthesis("f(a, (b))", 1)).isEqualTo(8);
		assertThat(DatabaseSchemaReader.parseCreateIndex("ux", true,
				"CREATE UNIQUE INDEX ux ON t (lower(email), \"name\") WHERE deleted_at IS NULL"))
			.isEqualTo(new Schema.Index("ux", true, List.of("lower(email)", "name"), "deleted_at is null"));
	}

	@Test
	void literalsAreConstantsAndCallsAreNot() {
		assertThat(SqlText.isConstant("0")).isTrue();
		assertThat(SqlText.isConstant("'it''s'")).isTrue();
		assertThat(SqlText.isConstant("-1.5e3")).isTrue();
		assertThat(SqlText.isConstant("null")).isTrue();
		assertThat(SqlText.isConstant("strftime('%s', 'now')")).isFalse();
		assertThat(SqlText.isConstant("current_timestamp")).isFalse();
	}

}
