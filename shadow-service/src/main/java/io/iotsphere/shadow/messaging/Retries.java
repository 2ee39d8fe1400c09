package io.iotsphere.shadow.messaging;

import io.iotsphere.shadow.Problems;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/** How consumers wait out an unreachable Redis: they retry, so the event is applied late rather than lost or DLQ'd. */
final class Retries {

    private Retries() {}

    static <T> Uni<T> untilStoreAnswers(Uni<T> work) {
        return work.onFailure(f -> Problems.is(f, Problems.STORE_UNAVAILABLE) || Problems.is(f, Problems.CONTENTION))
                .retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .indefinitely();
    }
}
