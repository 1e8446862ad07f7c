package org.saddlecheck.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs independent trials on a fixed number of threads and returns results in trial order, so that a
 * result never depends on the thread count as long as each trial derives its randomness from its index.
 * A {@link #map} called from inside one of this pool's own tasks (e.g. a claim's trial that runs a nested
 * {@code Forall} on the same pool) runs sequentially in the calling thread instead of waiting on the pool, which
 * could deadlock; results are the same.
 */
public final class Parallel implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;
    private static final ThreadLocal<Parallel> OWNER = new ThreadLocal<>();

    public Parallel(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads = " + threads + " is not allowed: threads must be an integer >= 1");
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(() -> {
                OWNER.set(this);
                r.run();
            }, "saddlecheck-trial");
            t.setDaemon(true);
            return t;
        });
    }

    /** All available processors. */
    public static Parallel allCores() {
        return new Parallel(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /** Evaluates f(0..n-1), in parallel when threads > 1, and returns the results in index order. */
    public <T> List<T> map(int n, IntFunction<T> f) {
        List<T> out = new ArrayList<>(n);
        if (pool == null || n <= 1 || OWNER.get() == this) {
            for (int i = 0; i < n; i++) out.add(f.apply(i));
            return out;
        }
        // chunk so each task carries several trials
        int chunks = Math.min(n, threads * 8);
        List<Future<List<T>>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int lo = (int) ((long) n * c / chunks), hi = (int) ((long) n * (c + 1) / chunks);
            futures.add(pool.submit(() -> {
                List<T> part = new ArrayList<>(hi - lo);
                for (int i = lo; i < hi; i++) part.add(f.apply(i));
                return part;
            }));
        }
        for (Future<List<T>> fu : futures) {
            try {
                out.addAll(fu.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) throw re;
                if (c instanceof Error er) throw er;
                throw new IllegalStateException(c);
            }
        }
        return out;
    }

    /** Primitive convenience: f(i) for i in 0..n-1, in index order. */
    public double[] mapToDouble(int n, java.util.function.IntToDoubleFunction f) {
        List<Double> r = map(n, i -> f.applyAsDouble(i));
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.get(i);
        return a;
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
