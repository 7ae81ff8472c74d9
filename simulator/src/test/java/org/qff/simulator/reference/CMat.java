package org.qff.simulator.reference;

/**
 * A small dense complex matrix for test references: deliberately naive and independent of the
 * simulator's code (no bit tricks; everything is built from Kronecker products and sums).
 */
public final class CMat {
    public final int rows, cols;
    public final double[] re, im;

    public CMat(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.re = new double[rows * cols];
        this.im = new double[rows * cols];
    }

    public static CMat of2(double a, double ai, double b, double bi, double c, double ci, double d, double di) {
        CMat m = new CMat(2, 2);
        m.set(0, 0, a, ai);
        m.set(0, 1, b, bi);
        m.set(1, 0, c, ci);
        m.set(1, 1, d, di);
        return m;
    }

    public static CMat identity(int n) {
        CMat m = new CMat(n, n);
        for (int i = 0; i < n; i++) m.re[i * n + i] = 1;
        return m;
    }

    public static final CMat I = identity(2);
    public static final CMat X = of2(0, 0, 1, 0, 1, 0, 0, 0);
    public static final CMat Y = of2(0, 0, 0, -1, 0, 1, 0, 0);
    public static final CMat Z = of2(1, 0, 0, 0, 0, 0, -1, 0);
    /** |0⟩⟨0| and |1⟩⟨1| */
    public static final CMat P0 = of2(1, 0, 0, 0, 0, 0, 0, 0);
    public static final CMat P1 = of2(0, 0, 0, 0, 0, 0, 1, 0);

    public void set(int r, int c, double vr, double vi) {
        re[r * cols + c] = vr;
        im[r * cols + c] = vi;
    }

    public double re(int r, int c) { return re[r * cols + c]; }

    public double im(int r, int c) { return im[r * cols + c]; }

    /** this ⊗ b: this acts on the more significant bits. */
    public CMat kron(CMat b) {
        CMat k = new CMat(rows * b.rows, cols * b.cols);
        for (int r1 = 0; r1 < rows; r1++) for (int c1 = 0; c1 < cols; c1++) {
            double ar = re(r1, c1), ai = im(r1, c1);
            if (ar == 0 && ai == 0) continue;
            for (int r2 = 0; r2 < b.rows; r2++) for (int c2 = 0; c2 < b.cols; c2++) {
                double br = b.re(r2, c2), bi = b.im(r2, c2);
                k.set(r1 * b.rows + r2, c1 * b.cols + c2, ar * br - ai * bi, ar * bi + ai * br);
            }
        }
        return k;
    }

    public CMat times(CMat b) {
        CMat p = new CMat(rows, b.cols);
        for (int r = 0; r < rows; r++) for (int k = 0; k < cols; k++) {
            double ar = re(r, k), ai = im(r, k);
            if (ar == 0 && ai == 0) continue;
            for (int c = 0; c < b.cols; c++) {
                double br = b.re(k, c), bi = b.im(k, c);
                p.re[r * p.cols + c] += ar * br - ai * bi;
                p.im[r * p.cols + c] += ar * bi + ai * br;
            }
        }
        return p;
    }

    public CMat plus(CMat b) {
        CMat s = new CMat(rows, cols);
        for (int i = 0; i < re.length; i++) {
            s.re[i] = re[i] + b.re[i];
            s.im[i] = im[i] + b.im[i];
        }
        return s;
    }

    public CMat scale(double sr, double si) {
        CMat s = new CMat(rows, cols);
        for (int i = 0; i < re.length; i++) {
            s.re[i] = re[i] * sr - im[i] * si;
            s.im[i] = re[i] * si + im[i] * sr;
        }
        return s;
    }

    public CMat dagger() {
        CMat d = new CMat(cols, rows);
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) d.set(c, r, re(r, c), -im(r, c));
        return d;
    }

    /** exp(this) by scaling and squaring of a Taylor series: accurate to ~1e-15 for small matrices. */
    public CMat exp() {
        double norm = 0;
        for (int i = 0; i < re.length; i++) norm = Math.max(norm, Math.hypot(re[i], im[i]) * rows);
        int squarings = Math.max(0, (int) Math.ceil(Math.log(norm + 1e-300) / Math.log(2)) + 1);
        CMat a = scale(Math.pow(2, -squarings), 0);
        CMat sum = identity(rows), term = identity(rows);
        for (int k = 1; k <= 30; k++) {
            term = term.times(a).scale(1.0 / k, 0);
            sum = sum.plus(term);
        }
        for (int s = 0; s < squarings; s++) sum = sum.times(sum);
        return sum;
    }

    /** this · v for a vector of interleaved (re, im) pairs. */
    public double[] apply(double[] v) {
        double[] out = new double[2 * rows];
        for (int r = 0; r < rows; r++) {
            double sr = 0, si = 0;
            for (int c = 0; c < cols; c++) {
                double ar = re(r, c), ai = im(r, c);
                sr += ar * v[2 * c] - ai * v[2 * c + 1];
                si += ar * v[2 * c + 1] + ai * v[2 * c];
            }
            out[2 * r] = sr;
            out[2 * r + 1] = si;
        }
        return out;
    }
}
