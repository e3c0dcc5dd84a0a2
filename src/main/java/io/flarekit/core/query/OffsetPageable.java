package io.flarekit.core.query;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * A {@link Pageable} that starts at any row, not only at a multiple of the page size:
 * react-admin asks for ranges such as rows 5 to 14.
 *
 * @param offset the first row
 * @param size the most rows
 * @param sort the order
 */
record OffsetPageable(long offset, int size, Sort sort) implements Pageable {

	@Override
	public int getPageNumber() {
		return (int) (this.offset / this.size);
	}

	@Override
	public int getPageSize() {
		return this.size;
	}

	@Override
	public long getOffset() {
		return this.offset;
	}

	@Override
	public Sort getSort() {
		return this.sort;
	}

	@Override
	public Pageable next() {
		return new OffsetPageable(this.offset + this.size, this.size, this.sort);
	}

	@Override
	public Pageable previousOrFirst() {
		return new OffsetPageable(Math.max(0, this.offset - this.size), this.size, this.sort);
	}

	@Override
	public Pageable first() {
		return new OffsetPageable(0, this.size, this.sort);
	}

	@Override
	public Pageable withPage(int pageNumber) {
		return new OffsetPageable((long) pageNumber * this.size, this.size, this.sort);
	}

	@Override
	public boolean hasPrevious() {
		return this.offset > 0;
	}

}
