package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.S;
import static org.qff.simulator.kernel.Lanes.load;
import static org.qff.simulator.kernel.Lanes.store;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;

/**
 * Dense multi-qubit sweeps: a specialised 4×4 for two high targets (Heisenberg exchange, RXX, …),
 * and the general engine for any k ≤ 5 targets, any controls and any target positions.
 */
final class DenseSweeps {
    private DenseSweeps() {}

    static void dense2High(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] u = op.matrix;
        long o1 = op.offsets[1], o2 = op.offsets[2], o3 = op.offsets[3];
        DoubleVector r00 = b(u, 0, 0), r01 = b(u, 0, 1), r02 = b(u, 0, 2), r03 = b(u, 0, 3);
        DoubleVector r10 = b(u, 1, 0), r11 = b(u, 1, 1), r12 = b(u, 1, 2), r13 = b(u, 1, 3);
        DoubleVector r20 = b(u, 2, 0), r21 = b(u, 2, 1), r22 = b(u, 2, 2), r23 = b(u, 2, 3);
        DoubleVector r30 = b(u, 3, 0), r31 = b(u, 3, 1), r32 = b(u, 3, 2), r33 = b(u, 3, 3);
        DoubleVector i00 = bi(u, 0, 0), i01 = bi(u, 0, 1), i02 = bi(u, 0, 2), i03 = bi(u, 0, 3);
        DoubleVector i10 = bi(u, 1, 0), i11 = bi(u, 1, 1), i12 = bi(u, 1, 2), i13 = bi(u, 1, 3);
        DoubleVector i20 = bi(u, 2, 0), i21 = bi(u, 2, 1), i22 = bi(u, 2, 2), i23 = bi(u, 2, 3);
        DoubleVector i30 = bi(u, 3, 0), i31 = bi(u, 3, 1), i32 = bi(u, 3, 2), i33 = bi(u, 3, 3);
        for (long g = from; g < to; g++) {
            long a0 = op.base(g), a1 = a0 + o1, a2 = a0 + o2, a3 = a0 + o3;
            DoubleVector x0r = load(seg, a0), x1r = load(seg, a1), x2r = load(seg, a2), x3r = load(seg, a3);
            DoubleVector x0i = load(seg, dim + a0), x1i = load(seg, dim + a1), x2i = load(seg, dim + a2), x3i = load(seg, dim + a3);
            // Re = Σ ur·xr − Σ ui·xi; Im = Σ ur·xi + Σ ui·xr (two FMA chains each, subtracted once).
            store(x0r.fma(r00, x1r.fma(r01, x2r.fma(r02, x3r.mul(r03))))
                    .sub(x0i.fma(i00, x1i.fma(i01, x2i.fma(i02, x3i.mul(i03))))), seg, a0);
            DoubleVector y0i = x0i.fma(r00, x1i.fma(r01, x2i.fma(r02, x3i.fma(r03,
                    x0r.fma(i00, x1r.fma(i01, x2r.fma(i02, x3r.mul(i03))))))));
            DoubleVector y1r = x0r.fma(r10, x1r.fma(r11, x2r.fma(r12, x3r.mul(r13))))
                    .sub(x0i.fma(i10, x1i.fma(i11, x2i.fma(i12, x3i.mul(i13)))));
            DoubleVector y1i = x0i.fma(r10, x1i.fma(r11, x2i.fma(r12, x3i.fma(r13,
                    x0r.fma(i10, x1r.fma(i11, x2r.fma(i12, x3r.mul(i13))))))));
            DoubleVector y2r = x0r.fma(r20, x1r.fma(r21, x2r.fma(r22, x3r.mul(r23))))
                    .sub(x0i.fma(i20, x1i.fma(i21, x2i.fma(i22, x3i.mul(i23)))));
            DoubleVector y2i = x0i.fma(r20, x1i.fma(r21, x2i.fma(r22, x3i.fma(r23,
                    x0r.fma(i20, x1r.fma(i21, x2r.fma(i22, x3r.mul(i23))))))));
            DoubleVector y3r = x0r.fma(r30, x1r.fma(r31, x2r.fma(r32, x3r.mul(r33))))
                    .sub(x0i.fma(i30, x1i.fma(i31, x2i.fma(i32, x3i.mul(i33)))));
            DoubleVector y3i = x0i.fma(r30, x1i.fma(r31, x2i.fma(r32, x3i.fma(r33,
                    x0r.fma(i30, x1r.fma(i31, x2r.fma(i32, x3r.mul(i33))))))));
            store(y0i, seg, dim + a0);
            store(y1r, seg, a1);
            store(y1i, seg, dim + a1);
            store(y2r, seg, a2);
            store(y2i, seg, dim + a2);
            store(y3r, seg, a3);
            store(y3i, seg, dim + a3);
        }
    }

    private static DoubleVector b(double[] u, int r, int c) {
        return DoubleVector.broadcast(S, u[2 * (r * 4 + c)]);
    }

    private static DoubleVector bi(double[] u, int r, int c) {
        return DoubleVector.broadcast(S, u[2 * (r * 4 + c) + 1]);
    }

    /**
     * The general engine (see KernelOp#buildGenericTable for the table). Each group gathers its
     * 2^kh vectors, and their lane-shuffled copies for every low-target pattern, into the per-thread
     * scratch, then writes each output vector once as a sum over that scratch.
     */
    static void generic(MemorySegment seg, long dim, KernelOp op, long from, long to, double[] work) {
        int m = 1 << op.kh, xs = 1 << op.kl, n = m * xs;
        long[] off = op.offsets;
        int[] laneX = op.laneX;
        double[] tab = op.table, u = op.matrix;
        boolean uniform = op.uniform;
        for (long g = from; g < to; g++) {
            long base = op.base(g);
            for (int h = 0; h < m; h++) {
                long idx = base + off[h];
                DoubleVector vr = load(seg, idx), vi = load(seg, dim + idx);
                int o = h * xs * 2 * L;
                vr.intoArray(work, o);
                vi.intoArray(work, o + L);
                for (int x = 1; x < xs; x++) {
                    o += 2 * L;
                    vr.rearrange(Lanes.xor(laneX[x])).intoArray(work, o);
                    vi.rearrange(Lanes.xor(laneX[x])).intoArray(work, o + L);
                }
            }
            for (int ho = 0; ho < m; ho++) {
                DoubleVector accR = DoubleVector.zero(S), accR2 = DoubleVector.zero(S), accI = DoubleVector.zero(S);
                if (uniform) {
                    int row = 2 * ho * m;
                    for (int j = 0; j < n; j++) {
                        DoubleVector ur = DoubleVector.broadcast(S, u[row + 2 * j]), ui = DoubleVector.broadcast(S, u[row + 2 * j + 1]);
                        DoubleVector xr = DoubleVector.fromArray(S, work, 2 * j * L), xi = DoubleVector.fromArray(S, work, 2 * j * L + L);
                        accR = xr.fma(ur, accR);
                        accR2 = xi.fma(ui, accR2);
                        accI = xr.fma(ui, xi.fma(ur, accI));
                    }
                } else {
                    int t = ho * n * 2 * L;
                    for (int j = 0; j < n; j++, t += 2 * L) {
                        DoubleVector tr = DoubleVector.fromArray(S, tab, t), ti = DoubleVector.fromArray(S, tab, t + L);
                        DoubleVector xr = DoubleVector.fromArray(S, work, 2 * j * L), xi = DoubleVector.fromArray(S, work, 2 * j * L + L);
                        accR = xr.fma(tr, accR);
                        accR2 = xi.fma(ti, accR2);
                        accI = xr.fma(ti, xi.fma(tr, accI));
                    }
                }
                long idx = base + off[ho];
                store(accR.sub(accR2), seg, idx);
                store(accI, seg, dim + idx);
            }
        }
    }
}
