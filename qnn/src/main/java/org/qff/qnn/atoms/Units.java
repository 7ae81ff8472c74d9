package org.qff.qnn.atoms;

/**
 * Unit conversions. Inside qff: Å, eV, eV/Å, fs, amu, K. Constants are CODATA 2018.
 */
public final class Units {
    private Units() {}

    /** 1 kcal/mol in eV (rMD17 labels are in kcal/mol). */
    public static final double KCAL_PER_MOL = 0.0433641043;
    /** 1 Hartree in eV. */
    public static final double HARTREE = 27.211386245988;
    /** 1 Bohr in Å. */
    public static final double BOHR = 0.529177210903;
    /** Boltzmann constant in eV/K. */
    public static final double KB = 8.617333262e-5;
    /** amu·Å²/fs² in eV: kinetic energy ½mv² with m in amu and v in Å/fs is KE_AMU_A2_FS2 · ½mv² eV. */
    public static final double AMU_A2_PER_FS2 = 103.6426965268;
    /** 1 meV in eV. */
    public static final double MEV = 1e-3;
}
