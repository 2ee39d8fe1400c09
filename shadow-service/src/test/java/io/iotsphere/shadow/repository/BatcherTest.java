package io.iotsphere.shadow.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Group commit, with the store's script run replaced by calls this test completes by hand (the boundary of the
 * batcher; the real runs against Redis are exercised by every integration test of the module).
 */
class BatcherTest {

    /** The calls the batcher made, each with its items, completed when the test says so. */
    private final List<List<Integer>> calls = new ArrayList<>();

    private final List<UniEmitter<? super List<String>>> pending = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();

    private Batcher<Integer, String> batcher(int maxItems, int maxInFlight) {
        return new Batcher<>(
                items -> {
                    calls.add(List.copyOf(items));
                    return Uni.createFrom().emitter(pending::add);
                },
                maxItems,
                maxInFlight,
                sizes::add);
    }

    private static List<String> results(List<Integer> items) {
        return items.stream().map(i -> "r" + i).toList();
    }

    private void complete(int call) {
        pending.get(call).complete(results(calls.get(call)));
    }

    private static List<UniAssertSubscriber<String>> submit(Batcher<Integer, String> batcher, int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> batcher.submit(i).subscribe().withSubscriber(UniAssertSubscriber.<String>create()))
                .toList();
    }

    @Test
    void anItemAloneGoesAtOnce() {
        Batcher<Integer, String> batcher = batcher(64, 1);
        UniAssertSubscriber<String> result = submit(batcher, 7, 8).get(0);
        assertThat(calls).containsExactly(List.of(7));
        complete(0);
        result.assertItem("r7");
    }

    @Test
    void itemsArrivingDuringACallGoTogetherInTheNextInOrder() {
        Batcher<Integer, String> batcher = batcher(64, 1);
        List<UniAssertSubscriber<String>> first = submit(batcher, 0, 1);
        List<UniAssertSubscriber<String>> waiting = submit(batcher, 1, 6);
        assertThat(calls).as("nothing more is sent while the call is under way").hasSize(1);
        complete(0);
        first.get(0).assertItem("r0");
        assertThat(calls).containsExactly(List.of(0), List.of(1, 2, 3, 4, 5));
        waiting.forEach(s -> s.assertNotTerminated());
        complete(1);
        for (int i = 0; i < waiting.size(); i++) {
            waiting.get(i).assertItem("r" + (i + 1));
        }
        assertThat(sizes).containsExactly(1, 5);
    }

    @Test
    void aCallCarriesAtMostMaxItemsAndAtMostMaxInFlightCallsAreUnderWay() {
        Batcher<Integer, String> batcher = batcher(4, 2);
        submit(batcher, 0, 2);
        assertThat(calls).as("two calls may be under way").containsExactly(List.of(0), List.of(1));
        List<UniAssertSubscriber<String>> queued = submit(batcher, 2, 12);
        assertThat(calls).hasSize(2);
        complete(1);
        assertThat(calls).hasSize(3).last().isEqualTo(List.of(2, 3, 4, 5));
        complete(0);
        assertThat(calls).hasSize(4).last().isEqualTo(List.of(6, 7, 8, 9));
        complete(2);
        assertThat(calls).hasSize(5).last().isEqualTo(List.of(10, 11));
        complete(3);
        complete(4);
        for (int i = 0; i < queued.size(); i++) {
            queued.get(i).assertItem("r" + (i + 2));
        }
    }

    @Test
    void aFailedCallFailsEachOfItsItemsAndTheNextCallStillGoes() {
        Batcher<Integer, String> batcher = batcher(64, 1);
        List<UniAssertSubscriber<String>> first = submit(batcher, 0, 1);
        List<UniAssertSubscriber<String>> second = submit(batcher, 1, 3);
        IllegalStateException down = new IllegalStateException("connection refused");
        pending.get(0).fail(down);
        first.get(0).assertFailedWith(IllegalStateException.class, "connection refused");
        assertThat(calls).containsExactly(List.of(0), List.of(1, 2));
        complete(1);
        second.get(0).assertItem("r1");
        second.get(1).assertItem("r2");
    }

    @Test
    void aCallThatThrowsOrAnswersForTooFewItemsFailsItsItems() {
        Batcher<Integer, String> throwing = new Batcher<>(
                items -> {
                    throw new IllegalArgumentException("cannot encode");
                },
                64,
                1,
                size -> {});
        submit(throwing, 0, 1).get(0).assertFailedWith(IllegalArgumentException.class, "cannot encode");
        submit(throwing, 1, 2).get(0).assertFailedWith(IllegalArgumentException.class, "cannot encode");

        Batcher<Integer, String> held = batcher(64, 1);
        submit(held, 0, 1);
        List<UniAssertSubscriber<String>> two = submit(held, 1, 3);
        pending.get(0).complete(List.of("r0"));
        pending.get(1).complete(List.of("r1"));
        two.forEach(s -> s.assertFailedWith(IllegalStateException.class, "a call of 2 items returned 1 results"));
    }

    @Test
    void underConcurrentSubmissionsEveryItemGetsItsOwnResultAndCallsStayBounded() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        AtomicInteger underWay = new AtomicInteger();
        AtomicInteger mostUnderWay = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        ExecutorService redis = Executors.newFixedThreadPool(3);
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            // Calls answered later on other threads, some failing; each result names its item.
            Batcher<Integer, String> batcher = new Batcher<>(
                    items -> Uni.createFrom().emitter(emitter -> {
                        mostUnderWay.accumulateAndGet(underWay.incrementAndGet(), Math::max);
                        calls.incrementAndGet();
                        redis.execute(() -> {
                            sleepMicros(ThreadLocalRandom.current().nextInt(200));
                            underWay.decrementAndGet();
                            if (items.get(0) % 97 == 0) {
                                emitter.fail(new IllegalStateException("refused " + items));
                            } else {
                                emitter.complete(results(items));
                            }
                        });
                    }),
                    16,
                    3,
                    size -> {});
            List<Future<List<CompletableFuture<String>>>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t * perThread;
                submitted.add(callers.submit(() -> IntStream.range(from, from + perThread)
                        .mapToObj(i -> batcher.submit(i).subscribeAsCompletionStage())
                        .toList()));
            }
            int failed = 0;
            for (int t = 0; t < threads; t++) {
                List<CompletableFuture<String>> results = submitted.get(t).get(30, TimeUnit.SECONDS);
                for (int i = 0; i < perThread; i++) {
                    CompletableFuture<String> result = results.get(i);
                    try {
                        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("r" + (t * perThread + i));
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).hasMessageContaining("refused");
                        failed++;
                    }
                }
            }
            assertThat(failed).as("items of failed calls").isPositive().isLessThan(threads * perThread);
            assertThat(mostUnderWay.get()).as("calls under way at once").isLessThanOrEqualTo(3);
            assertThat(calls.get()).as("calls (items shared them)").isLessThan(threads * perThread);
        } finally {
            callers.shutdownNow();
            redis.shutdownNow();
        }
    }

    private static void sleepMicros(int micros) {
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
