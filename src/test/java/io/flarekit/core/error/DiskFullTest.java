package io.flarekit.core.error;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

class DiskFullTest {

	@Test
	void sqliteFullAnywhereInTheCausesIsAFullDisk() {
		SQLiteException full = new SQLiteException("[SQLITE_FULL] database or disk is full",
				SQLiteErrorCode.SQLITE_FULL);
		assertThat(DiskFull.isCause(full)).isTrue();
		assertThat(DiskFull.isCause(new DataAccessResourceFailureException("could not execute statement", full)))
			.isTrue();
	}

	@Test
	void aWriteThatFailedWithNoSpaceOrOverQuotaIsAFullDisk() {
		assertThat(DiskFull.isCause(new IOException("No space left on device"))).isTrue();
		assertThat(DiskFull.isCause(new FileSystemException("/data/blobs/x: No space left on device"))).isTrue();
		assertThat(DiskFull.isCause(new UncheckedIOException(new IOException("Disk quota exceeded")))).isTrue();
	}

	@Test
	void otherFailuresAreNot() {
		assertThat(DiskFull.isCause(null)).isFalse();
		assertThat(DiskFull.isCause(new IOException())).isFalse();
		assertThat(DiskFull.isCause(new AccessDeniedException("/data/blobs"))).isFalse();
		assertThat(
				DiskFull.isCause(new SQLiteException("[SQLITE_BUSY] database is locked", SQLiteErrorCode.SQLITE_BUSY)))
			.isFalse();
		assertThat(DiskFull.isCause(new SQLException("No space left on device"))).as("only an I/O error says so")
			.isFalse();
	}

}
