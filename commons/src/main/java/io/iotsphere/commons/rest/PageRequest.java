package io.iotsphere.commons.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * {@code ?page=&size=} of a list endpoint, validated (page from 0, size 1 to {@value #MAX_SIZE}); use as a
 * {@code @BeanParam @Valid} parameter.
 */
public class PageRequest {

    public static final int MAX_SIZE = 500;
    public static final int DEFAULT_SIZE = 50;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "page must be 0 or more")
    public int page;

    @QueryParam("size")
    @DefaultValue("" + DEFAULT_SIZE)
    @Min(value = 1, message = "size must be at least 1")
    @Max(value = MAX_SIZE, message = "size must be at most " + MAX_SIZE)
    public int size;

    public PageRequest() {}

    public PageRequest(int page, int size) {
        this.page = page;
        this.size = size;
    }

    public long offset() {
        return (long) page * size;
    }
}
