"""Exercises qff_ase (ctypes + ASE calculator) for the Java test CApiPythonTest.
usage: qff_ase_check.py MODEL_NAME
Prints one JSON object: frames of a 100-step VelocityVerlet run (positions, energy, forces, total
energy), and the outcome of bad calls (each must raise QffError with libqff's message).
"""
import json
import sys

import numpy as np
from ase import Atoms, units
from ase.md.velocitydistribution import MaxwellBoltzmannDistribution
from ase.md.verlet import VelocityVerlet

from qff_ase import QffCalculator, QffError, QffLibrary


def argon_cluster(n=21, seed=7):
    rng = np.random.default_rng(seed)
    grid = np.array([(i, j, k) for i in range(3) for j in range(3) for k in range(3)], float)[:n]
    return Atoms('Ar%d' % n, positions=3.8 * grid + rng.normal(0, 0.05, (n, 3)))


def faults(model):
    out = {}
    lib = QffLibrary()
    for name, call in [
        ('missing_model', lambda: lib.open('/nonexistent/qff-model.json')),
        ('unknown_element', lambda: lib.open(model).compute([18, 18, 200], np.eye(3) * 3.0)),
        ('coincident_atoms', lambda: lib.open(model).compute([18, 18], np.zeros((2, 3)))),
        ('periodic', lambda: Atoms('Ar2', positions=[[0, 0, 0], [3.5, 0, 0]], cell=[9, 9, 9], pbc=True,
                                   calculator=QffCalculator(model)).get_potential_energy()),
    ]:
        try:
            call()
            out[name] = None
        except QffError as e:
            out[name] = {'code': e.code, 'message': str(e)}
    return out


def main():
    model = sys.argv[1]
    atoms = argon_cluster()
    atoms.calc = QffCalculator(model)
    MaxwellBoltzmannDistribution(atoms, temperature_K=40, rng=np.random.default_rng(3))
    frames = []

    def record():
        frames.append(dict(positions=atoms.get_positions().ravel().tolist(),
                           energy=float(atoms.get_potential_energy()),
                           forces=atoms.get_forces().ravel().tolist(),
                           total=float(atoms.get_total_energy())))

    dyn = VelocityVerlet(atoms, timestep=2 * units.fs)
    dyn.attach(record, interval=10)
    dyn.run(100)
    json.dump(dict(numbers=atoms.get_atomic_numbers().tolist(), frames=frames, steps=dyn.nsteps,
                   faults=faults(model)), sys.stdout)


if __name__ == '__main__':
    main()
