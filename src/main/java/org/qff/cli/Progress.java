package org.qff.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress for long work: a live bar on a terminal, plain lines (at most one per 5 % or per 10 s)
 * when output goes to a file or pipe, as in CI.
 */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final String task;
    private final long total;
    private long current;
    private long lastLinePercent = -1;
    private long lastLineNanos = System.nanoTime();
    private String extra = "";

    private Progress(String task, long total) {
        this.task = task;
        this.total = Math.max(total, 1);
        this.bar = System.console() != null && System.getenv("CI") == null
                ? new ProgressBarBuilder().setTaskName(task).setInitialMax(this.total).setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(250).continuousUpdate().build()
                : null;
    }

    public static Progress start(String task, long total) {
        return new Progress(task, total);
    }

    public void step() { stepTo(current + 1); }

    /** Sets the position and an extra message (e.g. "loss 1.2e-3"). */
    public synchronized void stepTo(long position, String message) {
        extra = message == null ? "" : message;
        stepTo(position);
    }

    public synchronized void stepTo(long position) {
        current = position;
        if (bar != null) {
            bar.stepTo(position);
            bar.setExtraMessage(extra);
            return;
        }
        long percent = 100 * current / total;
        long now = System.nanoTime();
        if (percent >= lastLinePercent + 5 || now - lastLineNanos > 10_000_000_000L || current == total) {
            if (percent == lastLinePercent && current != total) return;
            lastLinePercent = percent;
            lastLineNanos = now;
            System.err.println(task + ": " + current + "/" + total + " (" + percent + "%)" + (extra.isEmpty() ? "" : " " + extra));
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) bar.close();
    }
}
