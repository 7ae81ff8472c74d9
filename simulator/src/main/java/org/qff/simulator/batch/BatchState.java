package org.qff.simulator.batch;

/**
 * The states of a batch of small circuits (n ≤ 12 qubits), laid out for SIMD across the batch:
 * amplitude i of member b is at {@code re[i·width + b]}, {@code im[i·width + b]}. The width is the
 * batch size rounded up to a whole number of vector lanes; padding members are simulated too and
 * ignored. Qubit 0 is the least significant bit of i, as in {@link org.qff.simulator.StateVector}.
 */
public final class BatchState {
    public static final int MAX_QUBITS = 12;

    final int qubits;
    final int dimension;
    final int width;
    final double[] re;
    final double[] im;

    BatchState(int qubits, int width) {
        if (qubits < 1 || qubits > MAX_QUBITS) {
            throw new IllegalArgumentException("batched evaluation supports 1.." + MAX_QUBITS + " qubits, got " + qubits);
        }
        this.qubits = qubits;
        this.dimension = 1 << qubits;
        this.width = width;
        this.re = new double[dimension * width];
        this.im = new double[dimension * width];
    }

    /** Every member set to |0…0⟩. */
    void reset() {
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        java.util.Arrays.fill(re, 0, width, 1.0);
    }

    /** Every member set to the given amplitudes (interleaved re, im of length 2·2^n). */
    void resetTo(double[] interleaved) {
        for (int i = 0; i < dimension; i++) {
            java.util.Arrays.fill(re, i * width, (i + 1) * width, interleaved[2 * i]);
            java.util.Arrays.fill(im, i * width, (i + 1) * width, interleaved[2 * i + 1]);
        }
    }

    void zero() {
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
    }

    void copyFrom(BatchState o) {
        System.arraycopy(o.re, 0, re, 0, re.length);
        System.arraycopy(o.im, 0, im, 0, im.length);
    }

    public double re(int member, int index) { return re[index * width + member]; }

    public double im(int member, int index) { return im[index * width + member]; }
}
