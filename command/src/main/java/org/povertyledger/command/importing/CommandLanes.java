package org.povertyledger.command.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs tasks on a fixed number of lanes, each a single thread working through a bounded queue. Tasks with the
 * same key always go to the same lane, so they run one after the other in submission order (a household's
 * registration before its assessments), while tasks of other keys run in parallel; the ledger groups the
 * concurrent appends into one durable write. {@link #submit} blocks while the lane's queue is full, which
 * keeps the reader of a large file from running ahead of the writers.
 */
public final class CommandLanes implements AutoCloseable {

    private static final Runnable STOP = () -> { };

    private final List<BlockingQueue<Runnable>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * @param lanes number of parallel lanes (threads)
     * @param queueCapacity tasks a lane may hold waiting
     * @param name thread name prefix
     */
    public CommandLanes(int lanes, int queueCapacity, String name) {
        if (lanes < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("lanes and queue capacity must be at least 1");
        }
        for (int i = 0; i < lanes; i++) {
            BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(queueCapacity);
            queues.add(queue);
            Thread thread = new Thread(() -> work(queue), name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void work(BlockingQueue<Runnable> queue) {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) {
                return;
            }
            try {
                task.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }
    }

    /** Queues the task on the key's lane, waiting while that lane is full. */
    public void submit(String key, Runnable task) throws InterruptedException {
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("a lane task failed", failed);
        }
        queues.get(Math.floorMod(key.hashCode(), queues.size())).put(task);
    }

    /** Waits until every queued task has run, then stops the lanes. */
    @Override
    public void close() throws InterruptedException {
        for (BlockingQueue<Runnable> queue : queues) {
            queue.put(STOP);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("a lane task failed", failed);
        }
    }

    /** Stops the lanes without waiting for queued tasks. */
    public void abort() {
        threads.forEach(Thread::interrupt);
    }
}
