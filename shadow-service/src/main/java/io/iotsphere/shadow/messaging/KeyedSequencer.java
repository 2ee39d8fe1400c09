package io.iotsphere.shadow.messaging;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous work one at a time per key, in the order it was submitted, and concurrently across keys: a device's
 * messages are applied in the order they arrived. Work that fails, even before it starts, does not hold up the next.
 */
final class KeyedSequencer {

    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    void submit(String key, Supplier<Uni<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(key, done);
        Runnable run = () -> {
            Uni<Void> next;
            try {
                next = work.get();
            } catch (RuntimeException e) {
                next = Uni.createFrom().failure(e);
            }
            next.subscribe().with(ok -> finish(key, done), failure -> finish(key, done));
        };
        if (previous == null) {
            run.run();
        } else {
            previous.whenComplete((v, f) -> run.run());
        }
    }

    private void finish(String key, CompletableFuture<Void> done) {
        tails.remove(key, done);
        done.complete(null);
    }
}
