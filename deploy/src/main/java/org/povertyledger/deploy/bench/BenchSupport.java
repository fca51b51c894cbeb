package org.povertyledger.deploy.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;

/** What every benchmark measures the same way: elapsed time, heap, and its temporary store. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** Seconds since {@code startNanos} ({@link System#nanoTime()}), never zero. */
    static double seconds(long startNanos) {
        return Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }

    /** Heap in use after a collection, in MB. */
    static long usedHeapMb() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }

    private static final AtomicLong PEAK_HEAP_USED = new AtomicLong();
    private static Thread sampler;

    /**
     * Starts sampling the heap in use every 20 ms on a daemon thread. (The heap pools' own peaks are per pool and
     * taken at different moments: their sum overstates the heap, beyond {@code -Xmx} even.)
     */
    static synchronized void startHeapSampling() {
        if (sampler != null) {
            return;
        }
        sampler = new Thread(() -> {
            while (true) {
                sampleHeap();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static void sampleHeap() {
        PEAK_HEAP_USED.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    }

    /** The highest heap in use sampled since {@link #startHeapSampling()}, in MB (garbage not yet collected included). */
    static long peakHeapMb() {
        sampleHeap();
        return PEAK_HEAP_USED.get() / (1024 * 1024);
    }

    /** The largest heap the JVM may use ({@code -Xmx}), in MB. */
    static long maxHeapMb() {
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }

    /** Deletes a benchmark's temporary data directory; a leftover is harmless. */
    static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
