package io.iotsphere.commons.rest;

import java.util.List;

/** One page of a list: the items, where it is, and how many there are in all. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        return new Page<>(items, request.page, request.size, total);
    }
}
