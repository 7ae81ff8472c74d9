package org.qff.simulator.exec;

/**
 * Row-major real 2×2 matrices held at an offset of a double array: the bind-time products of the
 * structured ops (lane stages, rotation tiles), which accumulate their gates in place.
 */
final class Real2x2 {
    private Real2x2() {}

    /** m[at..at+3] ← I. */
    static void identity(double[] m, int at) {
        m[at] = 1;
        m[at + 1] = 0;
        m[at + 2] = 0;
        m[at + 3] = 1;
    }

    /** m[at..at+3] ← [[g00, g01], [g10, g11]] · m[at..at+3]. */
    static void leftMultiply(double[] m, int at, double g00, double g01, double g10, double g11) {
        double m00 = m[at], m01 = m[at + 1], m10 = m[at + 2], m11 = m[at + 3];
        m[at] = g00 * m00 + g01 * m10;
        m[at + 1] = g00 * m01 + g01 * m11;
        m[at + 2] = g10 * m00 + g11 * m10;
        m[at + 3] = g10 * m01 + g11 * m11;
    }
}
