package org.qff.qnn.model.circuit;

import java.util.List;

/**
 * Evaluates and differentiates one {@link QnnCircuit} on a dense state held in plain arrays (the
 * circuits are small: 2^Q ≤ 2^20 amplitudes, usually 2^4..2^8), with no allocation per call.
 *
 * <ul>
 *   <li>{@link #value}: ⟨O⟩(p).</li>
 *   <li>{@link #gradient}: ⟨O⟩ and ∂⟨O⟩/∂p by the adjoint method (one forward, one backward sweep;
 *       the backward sweep un-computes the state with U† instead of storing it).</li>
 *   <li>{@link #hessianVector}: additionally H·t = ∂(D_t⟨O⟩)/∂p, forward-over-reverse: the adjoint
 *       sweep carried out on dual numbers (value + ε·tangent along t), which is what the force term of
 *       a loss gradient needs.</li>
 *   <li>{@link #parameterShiftGradient}: ∂⟨O⟩/∂p from shifted circuit evaluations only, the way a
 *       quantum computer would obtain it: the two-term rule for exchange (generator spectrum {1, −3},
 *       shift π/8, factor 2) and fixed-axis rotations (shift π/2); for SU(2) gates the generalised
 *       rule of Wiersema et al. (arXiv 2301.09178): ∂U/∂v_k = U·(−i/2)Σ_l M_kl σ_l with a real 3×3
 *       M(v) computed classically, and each σ_l direction measured by inserting exp(−iφσ_l/2) before
 *       the gate at φ = ±π/2.</li>
 * </ul>
 *
 * <p>Not thread-safe: one engine per thread (it is the scratch space).
 */
public final class SmallCircuitEngine implements CircuitEvaluator {
    private static final double INV_SQRT2 = Math.sqrt(0.5);

    private final QnnCircuit circuit;
    private final Op[] ops;
    /** Flat copies of the ops for the hot loops: kind (SU2, EXCHANGE, ROTATION), qubit(s), first parameter, count. */
    private static final int SU2 = 0, EXCHANGE = 1, ROTATION = 2;
    private final int[] kind, qa, qb, par, cnt;
    private final int n;
    private final double[] pr, pi, dr, di, lr, li, ldr, ldi, xr, xi;
    /** Per op: U (8 doubles for one qubit; α, β for exchange), ∂U/∂p_k (3 × 8), U̇ along t (8). */
    private final double[] u, du, ud;
    private final double[] h = new double[3];
    private final double[] m = new double[8];
    private final double[] coef = new double[4];
    private double[] shiftScratch = new double[0];

    public SmallCircuitEngine(QnnCircuit circuit) {
        this.circuit = circuit;
        List<Op> list = circuit.ops();
        this.ops = list.toArray(new Op[0]);
        this.n = 1 << circuit.qubits();
        int no = ops.length;
        kind = new int[no]; qa = new int[no]; qb = new int[no]; par = new int[no]; cnt = new int[no];
        for (int k = 0; k < no; k++) {
            par[k] = ops[k].param();
            cnt[k] = ops[k].paramCount();
            switch (ops[k]) {
                case Op.Su2 g -> { kind[k] = SU2; qa[k] = g.qubit(); }
                case Op.Exchange e -> { kind[k] = EXCHANGE; qa[k] = e.a(); qb[k] = e.b(); }
                case Op.Rotation r -> { kind[k] = ROTATION; qa[k] = r.qubit(); qb[k] = r.axis(); }
            }
        }
        pr = new double[n]; pi = new double[n];
        dr = new double[n]; di = new double[n];
        lr = new double[n]; li = new double[n];
        ldr = new double[n]; ldi = new double[n];
        xr = new double[n]; xi = new double[n];
        u = new double[8 * ops.length];
        du = new double[24 * ops.length];
        ud = new double[8 * ops.length];
    }

    public QnnCircuit circuit() { return circuit; }

    @Override
    public int paramCount() { return circuit.paramCount(); }

    private void checkLength(double[] p) {
        if (p.length < circuit.paramCount()) {
            throw new IllegalArgumentException("circuit needs " + circuit.paramCount() + " parameters, got " + p.length);
        }
    }

    // ---------------------------------------------------------------- public API

    /** ⟨O⟩ at parameters p. */
    public double value(double[] p) {
        checkLength(p);
        return shiftedValue(p, -1, 0, 0);
    }

    /** ⟨O⟩; adds nothing, overwrites {@code grad[0..paramCount)} with ∂⟨O⟩/∂p (adjoint method). */
    public double gradient(double[] p, double[] grad) {
        checkLength(p);
        java.util.Arrays.fill(grad, 0, circuit.paramCount(), 0);
        initialState(pr, pi);
        for (int k = 0; k < ops.length; k++) {
            prepare(k, p, null, false, true);
            applyOp(k, pr, pi, false);
        }
        applyObservable(pr, pi, lr, li);
        double value = dot(pr, pi, lr, li);
        for (int k = ops.length - 1; k >= 0; k--) {
            applyOp(k, pr, pi, true);
            localOverlap(k, lr, li, pr, pi, ov0);
            int count = cnt[k], p0 = par[k];
            for (int c = 0; c < count; c++) grad[p0 + c] += 2 * contractDerivative(k, c, ov0);
            applyOp(k, lr, li, true);
        }
        return value;
    }

    /**
     * ⟨O⟩, its gradient g (overwritten) and the Hessian-vector product hT = H·t (overwritten), i.e. the
     * gradient of the directional derivative D_t⟨O⟩ = g·t with respect to p.
     */
    public double hessianVector(double[] p, double[] t, double[] grad, double[] hT) {
        checkLength(p);
        checkLength(t);
        int np = circuit.paramCount();
        java.util.Arrays.fill(grad, 0, np, 0);
        java.util.Arrays.fill(hT, 0, np, 0);
        initialState(pr, pi);
        java.util.Arrays.fill(dr, 0);
        java.util.Arrays.fill(di, 0);
        for (int k = 0; k < ops.length; k++) {
            prepare(k, p, t, true, true);
            applyMatrixTo(k, ud, pr, pi, xr, xi, false);
            applyOp(k, pr, pi, false);
            applyOp(k, dr, di, false);
            add(dr, di, xr, xi, 1);
        }
        applyObservable(pr, pi, lr, li);
        applyObservable(dr, di, ldr, ldi);
        double value = dot(pr, pi, lr, li);
        for (int k = ops.length - 1; k >= 0; k--) {
            applyOp(k, pr, pi, true);                       // ψ_{k−1}
            applyMatrixTo(k, ud, pr, pi, xr, xi, false);    // U̇ ψ_{k−1}
            add(dr, di, xr, xi, -1);
            applyOp(k, dr, di, true);                       // ψ̇_{k−1} = U†(ψ̇_k − U̇ψ_{k−1})
            // ⟨λ|∂U ψ⟩, ⟨λ̇|∂U ψ⟩, ⟨λ|∂U ψ̇⟩ and ⟨λ|D_t∂U ψ⟩ as traces with local overlaps (one pass each)
            localOverlap(k, lr, li, pr, pi, ov0);
            localOverlap(k, ldr, ldi, pr, pi, ov1);
            localOverlap(k, lr, li, dr, di, ov2);
            int count = cnt[k], p0 = par[k];
            for (int c = 0; c < count; c++) {
                grad[p0 + c] += 2 * contractDerivative(k, c, ov0);
                double s = contractDerivative(k, c, ov1) + contractDerivative(k, c, ov2);
                secondDirectional(k, c, p, t);
                s += contract(k, m, 0, ov0);
                hT[p0 + c] += 2 * s;
            }
            applyMatrixTo(k, ud, lr, li, xr, xi, true);     // U̇† λ_k
            applyOp(k, ldr, ldi, true);
            add(ldr, ldi, xr, xi, 1);                       // λ̇_{k−1} = U†λ̇_k + U̇†λ_k
            applyOp(k, lr, li, true);
        }
        return value;
    }

    /** ⟨O⟩ and ∂⟨O⟩/∂p (overwritten) from shifted evaluations only (see class comment). */
    public double parameterShiftGradient(double[] p, double[] grad) {
        checkLength(p);
        java.util.Arrays.fill(grad, 0, circuit.paramCount(), 0);
        double[] mk = new double[9];
        for (int k = 0; k < ops.length; k++) {
            Op op = ops[k];
            switch (op) {
                case Op.Su2 g -> {
                    su2ShiftCoefficients(p, g.param(), mk);
                    for (int l = 0; l < 3; l++) {
                        double d = 0.5 * (shiftedValue(p, k, 1 + l, Math.PI / 2) - shiftedValue(p, k, 1 + l, -Math.PI / 2));
                        for (int c = 0; c < 3; c++) grad[g.param() + c] += mk[3 * c + l] * d;
                    }
                }
                case Op.Exchange e -> grad[e.param()] += 2 * (shiftedValue(p, k, 4, Math.PI / 8) - shiftedValue(p, k, 4, -Math.PI / 8));
                case Op.Rotation r -> grad[r.param()] += 0.5 * (shiftedValue(p, k, 4, Math.PI / 2) - shiftedValue(p, k, 4, -Math.PI / 2));
            }
        }
        return value(p);
    }

    // ---------------------------------------------------------------- forward with an optional shift

    /**
     * ⟨O⟩ with op {@code at} modified: mode 1..3 inserts exp(−i·amount·σ_(mode−1)/2) on its qubit
     * before it; mode 4 adds {@code amount} to its own (single) parameter; −1 / 0: unmodified.
     */
    private double shiftedValue(double[] p, int at, int mode, double amount) {
        initialState(pr, pi);
        for (int k = 0; k < ops.length; k++) {
            if (k == at && mode >= 1 && mode <= 3) {
                int q = qa[k];
                double c = Math.cos(amount / 2), s = Math.sin(amount / 2);
                oneQubitMatrix(c, mode == 1 ? s : 0, mode == 2 ? s : 0, mode == 3 ? s : 0, m, 0);
                apply1(m, 0, q, pr, pi, pr, pi, false);
            }
            if (k == at && mode == 4) {
                int idx = ops[k].param();
                if (shiftScratch.length < p.length) shiftScratch = new double[p.length];
                double[] ps = shiftScratch;
                System.arraycopy(p, 0, ps, 0, p.length);
                ps[idx] += amount;
                prepare(k, ps, null, false, false);
            } else {
                prepare(k, p, null, false, false);
            }
            applyOp(k, pr, pi, false);
        }
        applyObservable(pr, pi, lr, li);
        return dot(pr, pi, lr, li);
    }

    /** M_kl (row k = v component, column l = Pauli) with ∂U/∂v_k = U·(−i/2)Σ_l M_kl σ_l, i.e. M_kl = −Im tr(σ_l U†∂_kU). */
    private void su2ShiftCoefficients(double[] p, int p0, double[] out) {
        double[] uu = new double[8], d = new double[24];
        su2Matrices(p[p0], p[p0 + 1], p[p0 + 2], uu, 0, d, 0);
        for (int k = 0; k < 3; k++) {
            // A = U† ∂_k U
            double[] a = new double[8];
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 2; c++) {
                    double re = 0, im = 0;
                    for (int s = 0; s < 2; s++) {
                        // (U†)_{rs} = conj(U_{sr})
                        double ure = uu[2 * (2 * s + r)], uim = -uu[2 * (2 * s + r) + 1];
                        double bre = d[8 * k + 2 * (2 * s + c)], bim = d[8 * k + 2 * (2 * s + c) + 1];
                        re += ure * bre - uim * bim;
                        im += ure * bim + uim * bre;
                    }
                    a[2 * (2 * r + c)] = re;
                    a[2 * (2 * r + c) + 1] = im;
                }
            }
            // tr(X A) = A01 + A10; tr(Y A) = i·A01 − i·A10; tr(Z A) = A00 − A11
            double trXim = a[3] + a[5];
            double trYim = a[2] - a[4];
            double trZim = a[1] - a[7];
            out[3 * k] = -trXim;
            out[3 * k + 1] = -trYim;
            out[3 * k + 2] = -trZim;
        }
    }

    // ---------------------------------------------------------------- matrices

    /** U = a0·I − i(ax X + ay Y + az Z) into out[o..o+8) as (re, im) of m00, m01, m10, m11. */
    private static void oneQubitMatrix(double a0, double ax, double ay, double az, double[] out, int o) {
        out[o] = a0; out[o + 1] = -az;
        out[o + 2] = -ay; out[o + 3] = -ax;
        out[o + 4] = ay; out[o + 5] = -ax;
        out[o + 6] = a0; out[o + 7] = az;
    }

    private void su2Matrices(double vx, double vy, double vz, double[] uo, int o, double[] dOut, int dOff) {
        double y = 0.25 * (vx * vx + vy * vy + vz * vz);
        Su2Functions.eval(y, h);
        double hh = h[0], h1 = h[1];
        double a0 = Math.cos(Math.sqrt(y));
        oneQubitMatrix(a0, 0.5 * hh * vx, 0.5 * hh * vy, 0.5 * hh * vz, uo, o);
        if (dOut == null) return;
        for (int k = 0; k < 3; k++) {
            double vk = k == 0 ? vx : k == 1 ? vy : vz;
            double da0 = -0.25 * hh * vk;
            double dax = 0.25 * h1 * vk * vx + (k == 0 ? 0.5 * hh : 0);
            double day = 0.25 * h1 * vk * vy + (k == 1 ? 0.5 * hh : 0);
            double daz = 0.25 * h1 * vk * vz + (k == 2 ? 0.5 * hh : 0);
            oneQubitMatrix(da0, dax, day, daz, dOut, dOff + 8 * k);
        }
    }

    /** Fills U, ∂U/∂p (and U̇ = Σ t_p ∂U/∂p when withTangent) for op k. */
    private void prepare(int k, double[] p, double[] t, boolean withTangent, boolean withDerivatives) {
        int o = 8 * k, d0 = 24 * k, q = par[k];
        switch (kind[k]) {
            case SU2 -> {
                su2Matrices(p[q], p[q + 1], p[q + 2], u, o, withDerivatives ? du : null, d0);
                if (withTangent) {
                    double t0 = t[q], t1 = t[q + 1], t2 = t[q + 2];
                    for (int i = 0; i < 8; i++) ud[o + i] = t0 * du[d0 + i] + t1 * du[d0 + 8 + i] + t2 * du[d0 + 16 + i];
                }
            }
            case EXCHANGE -> {
                double j = p[q];
                double ca = Math.cos(j), sa = Math.sin(j), cb = Math.cos(3 * j), sb = Math.sin(3 * j);
                // U = e^{−iJ}·P_triplet + e^{3iJ}·P_singlet; ∂U/∂J = −i e^{−iJ}·P_t + 3i e^{3iJ}·P_s
                u[o] = ca; u[o + 1] = -sa; u[o + 2] = cb; u[o + 3] = sb;
                du[d0] = -sa; du[d0 + 1] = -ca; du[d0 + 2] = -3 * sb; du[d0 + 3] = 3 * cb;
                if (withTangent) {
                    double tj = t[q];
                    for (int i = 0; i < 4; i++) ud[o + i] = tj * du[d0 + i];
                }
            }
            default -> {
                int axis = qb[k];
                double phi = p[q], c = Math.cos(phi / 2), s = Math.sin(phi / 2);
                oneQubitMatrix(c, axis == 0 ? s : 0, axis == 1 ? s : 0, axis == 2 ? s : 0, u, o);
                double dc = -0.5 * s, ds = 0.5 * c;
                oneQubitMatrix(dc, axis == 0 ? ds : 0, axis == 1 ? ds : 0, axis == 2 ? ds : 0, du, d0);
                if (withTangent) {
                    double tp = t[q];
                    for (int i = 0; i < 8; i++) ud[o + i] = tp * du[d0 + i];
                }
            }
        }
    }

    /** Into {@link #m}: D_t(∂U/∂p_c) = Σ_l t_l ∂²U/∂p_c∂p_l for op k. */
    private void secondDirectional(int k, int c, double[] p, double[] t) {
        switch (ops[k]) {
            case Op.Su2 g -> {
                int q = g.param();
                double vx = p[q], vy = p[q + 1], vz = p[q + 2];
                double y = 0.25 * (vx * vx + vy * vy + vz * vz);
                Su2Functions.eval(y, h);
                double hh = h[0], h1 = h[1], h2 = h[2];
                double tx = t[q], ty = t[q + 1], tz = t[q + 2];
                double vc = c == 0 ? vx : c == 1 ? vy : vz, tc = c == 0 ? tx : c == 1 ? ty : tz;
                double vt = vx * tx + vy * ty + vz * tz;
                double da0 = -0.125 * h1 * vc * vt - 0.25 * hh * tc;
                double common = 0.125 * h2 * vt * vc, hq = 0.25 * h1;
                double dax = common * vx + hq * (tc * vx + tx * vc + (c == 0 ? vt : 0));
                double day = common * vy + hq * (tc * vy + ty * vc + (c == 1 ? vt : 0));
                double daz = common * vz + hq * (tc * vz + tz * vc + (c == 2 ? vt : 0));
                oneQubitMatrix(da0, dax, day, daz, m, 0);
            }
            case Op.Exchange e -> {
                double j = p[e.param()], tj = t[e.param()];
                // ∂²U/∂J² = −e^{−iJ}·P_t − 9 e^{3iJ}·P_s
                m[0] = -Math.cos(j) * tj; m[1] = Math.sin(j) * tj;
                m[2] = -9 * Math.cos(3 * j) * tj; m[3] = -9 * Math.sin(3 * j) * tj;
            }
            case Op.Rotation r -> {
                double phi = p[r.param()], tp = t[r.param()];
                double c2 = -0.25 * Math.cos(phi / 2) * tp, s2 = -0.25 * Math.sin(phi / 2) * tp;
                oneQubitMatrix(c2, r.axis() == 0 ? s2 : 0, r.axis() == 1 ? s2 : 0, r.axis() == 2 ? s2 : 0, m, 0);
            }
        }
    }

    // ---------------------------------------------------------------- local overlaps

    private final double[] ov0 = new double[8], ov1 = new double[8], ov2 = new double[8];

    /**
     * The local overlap of ⟨l| and |s⟩ on op k's qubits, from which ⟨l|D|s⟩ = Re-part-ready traces
     * follow for any D of that op's form: for one qubit the 2×2 matrix M_ab = Σ conj(l_a)·s_b (pairs
     * differing in that qubit); for exchange (⟨l|s⟩, ⟨l|P_singlet|s⟩).
     */
    private void localOverlap(int k, double[] lre, double[] lim, double[] sre, double[] sim, double[] out) {
        java.util.Arrays.fill(out, 0);
        switch (kind[k]) {
            case EXCHANGE -> {
                int a = 1 << qa[k], b = 1 << qb[k];
                double allr = 0, alli = 0, sr = 0, si = 0;
                for (int i = 0; i < n; i++) {
                    allr += lre[i] * sre[i] + lim[i] * sim[i];
                    alli += lre[i] * sim[i] - lim[i] * sre[i];
                    if ((i & (a | b)) != 0) continue;
                    int ia = i | a, ib = i | b;
                    double dlr = lre[ia] - lre[ib], dli = lim[ia] - lim[ib], dsr = sre[ia] - sre[ib], dsi = sim[ia] - sim[ib];
                    sr += dlr * dsr + dli * dsi;
                    si += dlr * dsi - dli * dsr;
                }
                out[0] = allr;
                out[1] = alli;
                out[2] = 0.5 * sr;
                out[3] = 0.5 * si;
            }
            default -> {
                int bit = 1 << qa[k];
                double m00r = 0, m00i = 0, m01r = 0, m01i = 0, m10r = 0, m10i = 0, m11r = 0, m11i = 0;
                for (int base = 0; base < n; base += 2 * bit) for (int i = base; i < base + bit; i++) {
                    int j = i | bit;
                    double l0r = lre[i], l0i = lim[i], l1r = lre[j], l1i = lim[j];
                    double s0r = sre[i], s0i = sim[i], s1r = sre[j], s1i = sim[j];
                    m00r += l0r * s0r + l0i * s0i; m00i += l0r * s0i - l0i * s0r;
                    m01r += l0r * s1r + l0i * s1i; m01i += l0r * s1i - l0i * s1r;
                    m10r += l1r * s0r + l1i * s0i; m10i += l1r * s0i - l1i * s0r;
                    m11r += l1r * s1r + l1i * s1i; m11i += l1r * s1i - l1i * s1r;
                }
                out[0] = m00r; out[1] = m00i; out[2] = m01r; out[3] = m01i;
                out[4] = m10r; out[5] = m10i; out[6] = m11r; out[7] = m11i;
            }
        }
    }

    /** Re⟨l|D|s⟩ for op k's derivative matrix with respect to its parameter c. */
    private double contractDerivative(int k, int c, double[] ov) {
        return contract(k, du, 24 * k + (kind[k] == SU2 ? 8 * c : 0), ov);
    }

    /** Re⟨l|D|s⟩ = Re Σ_ab D_ab·M_ab (one qubit) or Re[α(⟨l|s⟩ − S) + β·S] (exchange, D = αP_t + βP_s). */
    private double contract(int k, double[] mt, int o, double[] ov) {
        if (kind[k] == EXCHANGE) {
            double tr = ov[0] - ov[2], ti = ov[1] - ov[3];
            return mt[o] * tr - mt[o + 1] * ti + mt[o + 2] * ov[2] - mt[o + 3] * ov[3];
        }
        double s = 0;
        for (int x = 0; x < 8; x += 2) s += mt[o + x] * ov[x] - mt[o + x + 1] * ov[x + 1];
        return s;
    }

    // ---------------------------------------------------------------- state kernels

    private void initialState(double[] re, double[] im) {
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        re[0] = 1;
        for (int[] s : circuit.singletsRaw()) {
            int a = 1 << s[0], b = 1 << s[1];
            for (int i = 0; i < n; i++) {
                if ((i & (a | b)) != 0 || re[i] == 0) continue;
                double amp = re[i];
                re[i | b] = amp * INV_SQRT2;
                re[i | a] = -amp * INV_SQRT2;
                re[i] = 0;
            }
        }
    }

    private void applyOp(int k, double[] re, double[] im, boolean dagger) {
        applyMatrixTo(k, u, re, im, re, im, dagger);
    }

    /** Applies op k's kind of matrix stored in mats at the op's slot (8·k) from src to dst. */
    private void applyMatrixTo(int k, double[] mats, double[] sr, double[] si, double[] or, double[] oi, boolean dagger) {
        applyMatrixTo(k, mats, mats == m ? 0 : 8 * k, sr, si, or, oi, dagger);
    }

    private void applyMatrixTo(int k, double[] mats, int off, double[] sr, double[] si, double[] or, double[] oi, boolean dagger) {
        if (kind[k] == EXCHANGE) applyExchange(mats, off, qa[k], qb[k], sr, si, or, oi, dagger);
        else apply1(mats, off, qa[k], sr, si, or, oi, dagger);
    }

    private void apply1(double[] mt, int o, int q, double[] sr, double[] si, double[] or, double[] oi, boolean dagger) {
        double m00r = mt[o], m00i = mt[o + 1], m01r = mt[o + 2], m01i = mt[o + 3];
        double m10r = mt[o + 4], m10i = mt[o + 5], m11r = mt[o + 6], m11i = mt[o + 7];
        if (dagger) {
            double t0r = m01r, t0i = m01i;
            m01r = m10r; m01i = -m10i;
            m10r = t0r; m10i = -t0i;
            m00i = -m00i;
            m11i = -m11i;
        }
        int bit = 1 << q;
        for (int base = 0; base < n; base += 2 * bit) for (int i = base; i < base + bit; i++) {
            int j = i | bit;
            double x0r = sr[i], x0i = si[i], x1r = sr[j], x1i = si[j];
            or[i] = m00r * x0r - m00i * x0i + m01r * x1r - m01i * x1i;
            oi[i] = m00r * x0i + m00i * x0r + m01r * x1i + m01i * x1r;
            or[j] = m10r * x0r - m10i * x0i + m11r * x1r - m11i * x1i;
            oi[j] = m10r * x0i + m10i * x0r + m11r * x1i + m11i * x1r;
        }
    }

    /** α·P_triplet + β·P_singlet on qubits a, b (mt[o..o+4) = αre, αim, βre, βim). */
    private void applyExchange(double[] mt, int o, int qa, int qb, double[] sr, double[] si, double[] or, double[] oi, boolean dagger) {
        double ar = mt[o], ai = dagger ? -mt[o + 1] : mt[o + 1], br = mt[o + 2], bi = dagger ? -mt[o + 3] : mt[o + 3];
        int a = 1 << qa, b = 1 << qb;
        for (int i = 0; i < n; i++) {
            if ((i & (a | b)) != 0) continue;
            int i11 = i | a | b, ia = i | a, ib = i | b;
            double r = sr[i], s = si[i];
            or[i] = ar * r - ai * s;
            oi[i] = ar * s + ai * r;
            r = sr[i11];
            s = si[i11];
            or[i11] = ar * r - ai * s;
            oi[i11] = ar * s + ai * r;
            double xr = sr[ia], xi = si[ia], yr = sr[ib], yi = si[ib];
            double symr = 0.5 * (xr + yr), symi = 0.5 * (xi + yi), antr = 0.5 * (xr - yr), anti = 0.5 * (xi - yi);
            double asr = ar * symr - ai * symi, asi = ar * symi + ai * symr;
            double bdr = br * antr - bi * anti, bdi = br * anti + bi * antr;
            or[ia] = asr + bdr;
            oi[ia] = asi + bdi;
            or[ib] = asr - bdr;
            oi[ib] = asi - bdi;
        }
    }

    /** out = O·src with O = Σ c·σ_a·σ_b = Σ c·(2·SWAP_ab − I). */
    private void applyObservable(double[] sr, double[] si, double[] or, double[] oi) {
        int[][] pairs = circuit.observablePairsRaw();
        double[] cs = circuit.observableCoefficientsRaw();
        double total = 0;
        for (double c : cs) total += c;
        for (int i = 0; i < n; i++) {
            or[i] = -total * sr[i];
            oi[i] = -total * si[i];
        }
        for (int k = 0; k < pairs.length; k++) {
            int a = pairs[k][0], b = pairs[k][1];
            double c2 = 2 * cs[k];
            for (int i = 0; i < n; i++) {
                int bitA = (i >> a) & 1, bitB = (i >> b) & 1;
                int j = bitA == bitB ? i : i ^ ((1 << a) | (1 << b));
                or[i] += c2 * sr[j];
                oi[i] += c2 * si[j];
            }
        }
    }

    private double dot(double[] ar, double[] ai, double[] br, double[] bi) {
        double s = 0;
        for (int i = 0; i < n; i++) s += ar[i] * br[i] + ai[i] * bi[i];
        return s;
    }

    private void add(double[] ar, double[] ai, double[] br, double[] bi, double f) {
        for (int i = 0; i < n; i++) {
            ar[i] += f * br[i];
            ai[i] += f * bi[i];
        }
    }
}
