"""qff from Python: a ctypes binding of libqff (qff.h) and an ASE calculator.

    from qff_ase import QffCalculator
    atoms.calc = QffCalculator("lj-argon")          # or a model file: QffCalculator("model.json")
    atoms.get_potential_energy(); atoms.get_forces()

Units are ASE's: Å, eV, eV/Å. Isolated systems only (periodic cells are rejected).
libqff.so is found at $QFF_LIB, else beside this file, else in the build tree
(ffi/target/native/libqff.so). libqff starts a JVM in this process on first use; see qff.h for
QFF_JAVA_HOME, QFF_CLASSPATH and QFF_JVM_OPTS.
"""
import ctypes
import os

import numpy as np

__all__ = ['QffError', 'QffLibrary', 'QffModel', 'QffCalculator']

_STATUS = {1: 'bad argument', 2: 'model', 3: 'compute', 4: 'runtime'}


class QffError(RuntimeError):
    """A libqff call failed; the message is libqff's (qff_last_error), code is the qff_status."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


def _default_library_path():
    env = os.environ.get('QFF_LIB')
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (os.path.join(here, 'libqff.so'),
                      os.path.join(here, '..', '..', '..', 'target', 'native', 'libqff.so')):
        if os.path.exists(candidate):
            return os.path.normpath(candidate)
    raise QffError('libqff.so not found: set QFF_LIB to its path (built into ffi/target/native by mvn)', 4)


class QffLibrary:
    """The loaded libqff.so with typed entry points."""

    def __init__(self, path=None):
        self.path = path or _default_library_path()
        lib = ctypes.CDLL(self.path)
        lib.qff_open.argtypes = [ctypes.c_char_p]
        lib.qff_open.restype = ctypes.c_void_p
        lib.qff_compute.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int),
                                    ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double),
                                    ctypes.POINTER(ctypes.c_double)]
        lib.qff_compute.restype = ctypes.c_int
        lib.qff_close.argtypes = [ctypes.c_void_p]
        lib.qff_close.restype = None
        lib.qff_last_error.argtypes = []
        lib.qff_last_error.restype = ctypes.c_char_p
        self.lib = lib

    def last_error(self):
        return self.lib.qff_last_error().decode('utf-8', 'replace')

    def open(self, model):
        return QffModel(self, model)


_shared_library = None


def _library():
    global _shared_library
    if _shared_library is None:
        _shared_library = QffLibrary()
    return _shared_library


class QffModel:
    """An opened qff model: energy (eV) and forces (eV/Å) for atomic numbers and positions (Å)."""

    def __init__(self, library, model):
        self.library = library
        handle = library.lib.qff_open(os.fsencode(model))
        if not handle:
            raise QffError(library.last_error(), 2)
        self._handle = handle

    def compute(self, numbers, positions, forces=True):
        """Returns (energy, forces or None). The arrays are passed to qff in place when they are
        already C-contiguous int32 / float64."""
        if self._handle is None:
            raise QffError('model is closed', 1)
        z = np.ascontiguousarray(numbers, dtype=np.int32)
        r = np.ascontiguousarray(positions, dtype=np.float64)
        if r.shape != (len(z), 3):
            raise ValueError('positions have shape %s for %d atoms (need (%d, 3))' % (r.shape, len(z), len(z)))
        energy = ctypes.c_double()
        f = np.empty((len(z), 3), dtype=np.float64) if forces else None
        rc = self.library.lib.qff_compute(
            self._handle, len(z), z.ctypes.data_as(ctypes.POINTER(ctypes.c_int)),
            r.ctypes.data_as(ctypes.POINTER(ctypes.c_double)), ctypes.byref(energy),
            f.ctypes.data_as(ctypes.POINTER(ctypes.c_double)) if f is not None else None)
        if rc != 0:
            raise QffError(self.library.last_error(), rc)
        return energy.value, f

    def close(self):
        if self._handle is not None:
            self.library.lib.qff_close(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


try:
    from ase.calculators.calculator import Calculator, all_changes

    class QffCalculator(Calculator):
        """ASE calculator for a qff model (file path or built-in name such as "lj-argon")."""

        implemented_properties = ['energy', 'free_energy', 'forces']

        def __init__(self, model, library=None, **kwargs):
            Calculator.__init__(self, **kwargs)
            self.model = QffModel(library or _library(), model)

        def calculate(self, atoms=None, properties=('energy',), system_changes=all_changes):
            Calculator.calculate(self, atoms, properties, system_changes)
            if any(self.atoms.pbc):
                raise QffError('qff computes isolated systems; these atoms are periodic (pbc=%s)'
                               % (list(self.atoms.pbc),), 1)
            energy, forces = self.model.compute(self.atoms.numbers, self.atoms.positions)
            self.results = {'energy': energy, 'free_energy': energy, 'forces': forces}
except ImportError:  # ctypes binding usable without ASE
    pass
