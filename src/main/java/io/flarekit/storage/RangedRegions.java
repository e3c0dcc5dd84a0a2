package io.flarekit.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourceRegion;
import org.springframework.http.HttpRange;

/**
 * Content for a download with a Range header, over content that reads slices of itself
 * ({@link BlobStore.RangeReadable}): each range's bytes are fetched with one ranged read
 * of just those bytes. Spring writes a range by skipping to its start on the content's
 * stream, which over an object store would download the skipped prefix; the stream here
 * skips for free and reads only up to the end of the range it stands in.
 */
final class RangedRegions {

	private RangedRegions() {
	}

	/**
	 * The content as Spring's range support should read it.
	 * @param header the Range header, valid and satisfiable
	 * @param content the whole content; it implements {@link BlobStore.RangeReadable}
	 * @return a resource of the same length whose streams read only the ranges
	 */
	static Resource of(String header, Resource content) {
		List<ResourceRegion> regions = HttpRange.toResourceRegions(HttpRange.parseRanges(header), content);
		return new Slices(content, (BlobStore.RangeReadable) content, regions);
	}

	/** The whole content's length and name; its streams read within the ranges only. */
	private static final class Slices extends AbstractResource {

		private final Resource content;

		private final BlobStore.RangeReadable ranged;

		private final List<ResourceRegion> regions;

		Slices(Resource content, BlobStore.RangeReadable ranged, List<ResourceRegion> regions) {
			this.content = content;
			this.ranged = ranged;
			this.regions = regions;
		}

		@Override
		public InputStream getInputStream() throws IOException {
			return new SkippingStream(this.ranged, this.regions, this.content.contentLength());
		}

		@Override
		public long contentLength() throws IOException {
			return this.content.contentLength();
		}

		@Override
		public String getFilename() {
			return this.content.getFilename();
		}

		@Override
		public String getDescription() {
			return "ranges of " + this.content.getDescription();
		}

	}

	/**
	 * Skips without reading, then reads from where it stands to the end of the range
	 * there with one ranged read, opened on the first read after a skip (Spring reads
	 * several ranges from one stream, skipping between them).
	 */
	private static final class SkippingStream extends InputStream {

		private final BlobStore.RangeReadable ranged;

		private final List<ResourceRegion> regions;

		private final long length;

		private long position;

		private InputStream open;

		SkippingStream(BlobStore.RangeReadable ranged, List<ResourceRegion> regions, long length) {
			this.ranged = ranged;
			this.regions = regions;
			this.length = length;
		}

		/** Moves on without reading; the next read opens a new ranged read there. */
		@Override
		public long skip(long n) throws IOException {
			close();
			this.open = null;
			long skipped = Math.max(0, Math.min(n, this.length - this.position));
			this.position += skipped;
			return skipped;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.open == null) {
				if (this.position >= this.length) {
					return -1;
				}
				this.open = this.ranged.read(this.position, end() - this.position);
			}
			int read = this.open.read(buffer, offset, length);
			this.position += Math.max(read, 0);
			return read;
		}

		/** The end of the range the stream stands in, or of the content. */
		private long end() {
			for (ResourceRegion region : this.regions) {
				long end = region.getPosition() + region.getCount();
				if (region.getPosition() <= this.position && this.position < end) {
					return end;
				}
			}
			return this.length;
		}

		@Override
		public void close() throws IOException {
			if (this.open != null) {
				this.open.close();
			}
		}

	}

}
