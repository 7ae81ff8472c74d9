"""ASE as an i-PI server: runs velocity-Verlet MD on a 21-atom argon cluster through
SocketIOCalculator while a qff driver (started by the Java test) computes the forces.
Prints one JSON object: per step the positions (Å) the driver received, and the energy (eV) and
forces (eV/Å) ASE got back, so the test can compare them with a direct Java call.

usage: ase_ipi_server.py (--unix NAME | --port P) [--steps N] [--timeout S] [--cell]
"""
import argparse
import json
import sys

import numpy as np
from ase import Atoms, units
from ase.calculators.socketio import SocketIOCalculator
from ase.md.velocitydistribution import MaxwellBoltzmannDistribution
from ase.md.verlet import VelocityVerlet


def argon_cluster(n=21, seed=7):
    """n atoms on a jittered simple-cubic grid with 3.8 Å spacing (near the LJ minimum)."""
    rng = np.random.default_rng(seed)
    grid = np.array([(i, j, k) for i in range(3) for j in range(3) for k in range(3)], float)[:n]
    return Atoms('Ar%d' % n, positions=3.8 * grid + rng.normal(0, 0.05, (n, 3)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--unix')
    p.add_argument('--port', type=int)
    p.add_argument('--steps', type=int, default=5)
    p.add_argument('--timeout', type=float, default=60)
    p.add_argument('--cell', action='store_true', help='put the cluster in a 30 Å box (pbc off)')
    a = p.parse_args()
    atoms = argon_cluster()
    if a.cell:
        atoms.set_cell([30.0, 31.0, 32.0])
    MaxwellBoltzmannDistribution(atoms, temperature_K=40, rng=np.random.default_rng(3))
    frames = []
    with SocketIOCalculator(unixsocket=a.unix, port=a.port, timeout=a.timeout) as calc:
        atoms.calc = calc
        print('listening', file=sys.stderr, flush=True)

        def record():
            frames.append(dict(positions=atoms.get_positions().ravel().tolist(),
                               energy=float(atoms.get_potential_energy()),
                               forces=atoms.get_forces().ravel().tolist()))

        dyn = VelocityVerlet(atoms, timestep=5 * units.fs)
        dyn.attach(record, interval=1)
        dyn.run(a.steps)
    json.dump(dict(numbers=atoms.get_atomic_numbers().tolist(), frames=frames), sys.stdout)


if __name__ == '__main__':
    main()
