package org.qff.simulator.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A persistent set of worker threads that split one range of independent groups among themselves
 * and the calling thread. Chunk i of T is [count·i/T, count·(i+1)/T): every group is computed by
 * exactly the same instructions whatever T is, so results are bit-identical for any thread count.
 *
 * <p>Dispatch allocates nothing: the task is a reusable object and the hand-off is a volatile
 * epoch plus park/unpark. One range runs at a time ({@link #run} is synchronized).
 */
final class KernelPool {
    /** A range of independent work items; {@code work} is scratch owned by the running thread. */
    interface RangeTask {
        void run(long from, long to, double[] work);
    }

    private static final int SPINS = 2000;

    private final int threads;
    private final Worker[] workers;
    private final double[] callerWork = new double[KernelOp.workSize()];
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile RangeTask task;
    private volatile long count;
    private volatile Thread waiter;
    private volatile Throwable failure;

    KernelPool(int threads) {
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            Thread t = new Thread(workers[i], "qff-kernel-" + (i + 1));
            t.setDaemon(true);
            workers[i].thread = t;
            t.start();
        }
    }

    int threads() { return threads; }

    synchronized void run(RangeTask t, long n) {
        task = t;
        count = n;
        failure = null;
        waiter = Thread.currentThread();
        remaining.set(workers.length);
        for (Worker w : workers) w.wake();
        Throwable own = null;
        try {
            t.run(0, n / threads, callerWork);
        } catch (Throwable e) {
            own = e;
        }
        int spins = 0;
        while (remaining.get() != 0) {
            if (spins++ < SPINS) Thread.onSpinWait();
            else LockSupport.park(this);
        }
        task = null;
        if (own == null) own = failure;
        if (own instanceof RuntimeException re) throw re;
        if (own instanceof Error er) throw er;
        if (own != null) throw new IllegalStateException("kernel worker failed", own);
    }

    private final class Worker implements Runnable {
        private final int index;
        private final double[] work = new double[KernelOp.workSize()];
        private volatile long epoch;
        private long seen;
        Thread thread;

        Worker(int index) { this.index = index; }

        void wake() {
            epoch = epoch + 1;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            while (true) {
                int spins = 0;
                while (epoch == seen) {
                    if (spins++ < SPINS) Thread.onSpinWait();
                    else LockSupport.park(this);
                }
                seen = epoch;
                try {
                    long n = count;
                    task.run(n * index / threads, n * (index + 1) / threads, work);
                } catch (Throwable e) {
                    failure = e;
                }
                if (remaining.decrementAndGet() == 0) LockSupport.unpark(waiter);
            }
        }
    }
}
