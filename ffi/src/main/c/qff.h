/*
 * qff.h: the C ABI of qff. Any qff potential (QNN model file or built-in classical potential)
 * computes energies and forces for a C, C++, Fortran or Python host.
 *
 * Units: positions in Å, energy in eV, forces in eV/Å. Arrays are flat: x0 y0 z0 x1 y1 z1 ...
 * Isolated systems only (no periodic cell).
 *
 * The first qff_open starts a Java virtual machine inside the host process (JNI invocation API),
 * or joins the one already running there. It finds libjvm.so under $QFF_JAVA_HOME, else
 * $JAVA_HOME, else the JDK qff was built with; the qff classes on $QFF_CLASSPATH (':'-separated;
 * an entry "DIR/<star>" expands to the jars in DIR, as with java -cp), else on the build tree's class path.
 * $QFF_JVM_OPTS adds JVM options (space-separated, e.g. "-Xmx2g").
 *
 * Thread-safety: all functions may be called from any thread, concurrently, also on one handle.
 * Errors: functions return a non-zero code (or NULL); qff_last_error() tells why, per thread.
 * Nothing here aborts the host process on bad input.
 */
#ifndef QFF_H
#define QFF_H

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes. */
enum qff_status {
    QFF_OK = 0,
    QFF_ERR_ARGUMENT = 1, /* null pointer, natoms < 1, closed or foreign handle */
    QFF_ERR_MODEL = 2,    /* the model could not be loaded (missing file, bad JSON, unknown type) */
    QFF_ERR_COMPUTE = 3,  /* the model rejected the structure (uncovered species, atoms too close, NaN) */
    QFF_ERR_RUNTIME = 4   /* the JVM could not be started or failed internally */
};

/** An opened model. Opaque. */
typedef struct qff_model qff_model;

/**
 * Opens a model: a path to a qff model file (JSON) or the name of a built-in potential such as
 * "lj-argon". Returns NULL on error (see qff_last_error).
 */
qff_model *qff_open(const char *model_path);

/**
 * Energy (eV) into *energy_out and forces (eV/Å, 3*natoms values) into forces_out for natoms
 * atoms with the given atomic numbers and positions (Å, 3*natoms values). forces_out may be NULL
 * when only the energy is wanted. Returns QFF_OK or an error code; on error the outputs are
 * unspecified.
 */
int qff_compute(qff_model *model, int natoms, const int *atomic_numbers, const double *positions,
                double *energy_out, double *forces_out);

/** Releases a model. NULL is ignored. The handle must not be used afterwards. */
void qff_close(qff_model *model);

/**
 * The message of the last error on the calling thread ("" if none). Valid until the next qff
 * call on this thread.
 */
const char *qff_last_error(void);

#ifdef __cplusplus
}
#endif

#endif /* QFF_H */
