package io.corelink.app;

import org.jspecify.annotations.Nullable;
import io.corelink.store.Store;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether this node can serve, answered within {@link #BUDGET} whatever the store does: the store is asked on a
 * thread of its own, and a check still running is joined rather than repeated, so a store that hangs costs one
 * thread, not one per health request.
 */
final class HealthProbe implements Supplier<Optional<String>> {
    static final Duration BUDGET = Duration.ofMillis(800);
    private final Store store;
    private final BooleanSupplier listenersAccept;
    // One thread at most, gone after a few idle seconds: a server that is closed leaves nothing behind.
    private final ExecutorService checker = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "corelink-health");
                thread.setDaemon(true);
                return thread;
            });
    private @Nullable CompletableFuture<Boolean> inFlight;

    HealthProbe(Store store, BooleanSupplier listenersAccept) {
        this.store = store;
        this.listenersAccept = listenersAccept;
    }

    @Override
    public Optional<String> get() {
        if (!listenersAccept.getAsBoolean()) {
            return Optional.of("listeners are not accepting connections");
        }
        try {
            if (!probe().get(BUDGET.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of("the store does not answer");
            }
        } catch (TimeoutException e) {
            return Optional.of("the store did not answer within " + BUDGET.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Optional.of("the store does not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        return store.writeProblem().map(problem -> "writes to the store fail: " + problem);
    }

    private synchronized CompletableFuture<Boolean> probe() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(store::isHealthy, checker);
        }
        return inFlight;
    }
}
