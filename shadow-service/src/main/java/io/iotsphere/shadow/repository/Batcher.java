package io.iotsphere.shadow.repository;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Group commit: an item submitted while {@code maxInFlight} calls are under way waits, and goes with the items that
 * queued up meanwhile in one call (at most {@code maxItems}) as soon as one of those calls ends. Under light load each
 * item goes alone and at once; under heavy load one call carries many, so they share its fixed costs (a round trip, a
 * script run). Each item gets its own result: the call's results come in the order of its items. When the call
 * fails, every item of it fails with that failure.
 *
 * <p>An item is queued when its {@link Uni} is subscribed to. Thread-safe: items come from any thread; a call's
 * results are delivered on the thread that completes it.
 */
final class Batcher<T, R> {

    private record Pending<T, R>(T item, UniEmitter<? super R> emitter) {}

    private final Function<List<T>, Uni<List<R>>> call;
    private final int maxItems;
    private final int maxInFlight;
    private final IntConsumer callSizes;
    private final ArrayDeque<Pending<T, R>> queue = new ArrayDeque<>();
    private int inFlight;

    /**
     * @param call sends items, emits one result per item in their order
     * @param callSizes told the number of items of each call (metrics)
     */
    Batcher(Function<List<T>, Uni<List<R>>> call, int maxItems, int maxInFlight, IntConsumer callSizes) {
        if (maxItems < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("a batch needs at least one item and one call in flight");
        }
        this.call = call;
        this.maxItems = maxItems;
        this.maxInFlight = maxInFlight;
        this.callSizes = callSizes;
    }

    Uni<R> submit(T item) {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                queue.add(new Pending<>(item, emitter));
            }
            drain();
        });
    }

    private void drain() {
        List<Pending<T, R>> batch;
        while ((batch = next()) != null) {
            send(batch);
        }
    }

    /** The items of the next call, or null when the queue is empty or enough calls are under way. */
    private synchronized List<Pending<T, R>> next() {
        if (queue.isEmpty() || inFlight >= maxInFlight) {
            return null;
        }
        List<Pending<T, R>> batch = new ArrayList<>(Math.min(maxItems, queue.size()));
        while (batch.size() < maxItems && !queue.isEmpty()) {
            batch.add(queue.poll());
        }
        inFlight++;
        return batch;
    }

    private void send(List<Pending<T, R>> batch) {
        callSizes.accept(batch.size());
        List<T> items = new ArrayList<>(batch.size());
        batch.forEach(pending -> items.add(pending.item()));
        Uni<List<R>> results;
        try {
            results = call.apply(items);
        } catch (RuntimeException e) {
            results = Uni.createFrom().failure(e);
        }
        results.subscribe()
                .with(
                        list -> {
                            ended();
                            if (list == null || list.size() != batch.size()) {
                                fail(
                                        batch,
                                        new IllegalStateException("a call of " + batch.size() + " items returned "
                                                + (list == null ? "nothing" : list.size() + " results")));
                                return;
                            }
                            for (int i = 0; i < batch.size(); i++) {
                                batch.get(i).emitter().complete(list.get(i));
                            }
                        },
                        failure -> {
                            ended();
                            fail(batch, failure);
                        });
    }

    /** A call ended: the items that queued meanwhile go now, before this call's results are delivered. */
    private void ended() {
        synchronized (this) {
            inFlight--;
        }
        drain();
    }

    private static <T, R> void fail(List<Pending<T, R>> batch, Throwable failure) {
        batch.forEach(pending -> pending.emitter().fail(failure));
    }
}
