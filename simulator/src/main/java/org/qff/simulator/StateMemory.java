package org.qff.simulator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a large state's size against the memory this process can really use before allocating it.
 *
 * <p>Off-heap FFM allocations are not bounded by the Java heap, and on Linux an oversized request
 * often "succeeds" and then fails page by page while being zeroed. So before allocating 64 MiB or
 * more the request is compared with the smallest of: MemAvailable from /proc/meminfo (else the
 * OS-reported free memory), an explicit -XX:MaxDirectMemorySize, and the system property
 * {@value #LIMIT_PROPERTY} (bytes; a cap users may set on shared machines).
 */
final class StateMemory {
    private StateMemory() {}

    static final String LIMIT_PROPERTY = "qff.simulator.maxStateBytes";
    private static final long CHECK_FROM = 64L << 20;

    static void check(int qubits, long bytes) {
        if (bytes < CHECK_FROM && System.getProperty(LIMIT_PROPERTY) == null) return;
        long limit = Long.MAX_VALUE;
        String source = "";
        String cap = System.getProperty(LIMIT_PROPERTY);
        if (cap != null) {
            try {
                limit = Long.parseLong(cap.trim());
                source = "the " + LIMIT_PROPERTY + " cap";
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(LIMIT_PROPERTY + "=" + cap + " is not a number of bytes");
            }
        }
        long direct = maxDirectMemory();
        if (direct < limit) {
            limit = direct;
            source = "-XX:MaxDirectMemorySize";
        }
        long available = availableMemory();
        if (available < limit) {
            limit = available;
            source = "available memory";
        }
        if (bytes > limit) {
            throw new IllegalArgumentException("a state of " + qubits + " qubits needs " + (bytes >> 20)
                    + " MiB, more than the " + (limit >> 20) + " MiB allowed by " + source);
        }
    }

    private static long availableMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize();
        }
        return Long.MAX_VALUE;
    }

    private static long maxDirectMemory() {
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-XX:MaxDirectMemorySize=")) {
                return parseSize(arg.substring(arg.indexOf('=') + 1));
            }
        }
        return Long.MAX_VALUE;
    }

    private static long parseSize(String v) {
        String t = v.trim().toLowerCase();
        long mult = 1;
        char last = t.isEmpty() ? '0' : t.charAt(t.length() - 1);
        if (last == 'k') mult = 1L << 10;
        else if (last == 'm') mult = 1L << 20;
        else if (last == 'g') mult = 1L << 30;
        else if (last == 't') mult = 1L << 40;
        if (mult != 1) t = t.substring(0, t.length() - 1);
        try {
            return Long.parseLong(t) * mult;
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
