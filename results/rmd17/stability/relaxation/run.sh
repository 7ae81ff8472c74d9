#!/usr/bin/env bash
# Bond-relaxation check (FFLUX: "distorted bonds relax within 1 ps"): ethanol from examples/ethanol.xyz with the
# C0-H3 bond stretched along itself by 0.3, 0.5, 0.8 and 1.2 A, 1 ps of Nose-Hoover NVT at 300 K (0.5 fs, seed 1)
# with each ethanol N = 1000 GPR model; writes summary.md (C0-H3 length over the run, and how a failed run ended).
# Usage, from the repository root: results/rmd17/stability/relaxation/run.sh   (about a minute; needs python3-numpy)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$work" <<'PY'
import sys, numpy as np
lines = open('examples/ethanol.xyz').read().splitlines()
atoms = [l.split() for l in lines[2:11]]
p = np.array([[float(v) for v in a[1:4]] for a in atoms])
for dr in (0.3, 0.5, 0.8, 1.2):
    q = p.copy(); u = q[3] - q[0]; u /= np.linalg.norm(u); q[3] += dr * u
    with open(f'{sys.argv[1]}/start_{dr}.xyz', 'w') as f:
        f.write('9\nProperties=species:S:1:pos:R:3 comment="ethanol, C0-H3 stretched by %.1f A"\n' % dr)
        for a, x in zip(atoms, q): f.write('%s %.6f %.6f %.6f\n' % (a[0], *x))
PY
for dr in 0.3 0.5 0.8 1.2; do
  for m in results/rmd17/ethanol/gpr-*-direction/N1000 results/rmd17/ethanol/gpr-constant/N1000 results/rmd17/ethanol/gpr-shifted-high-constant/N1000; do
    name=$(basename "$(dirname "$m")")
    ./qff md --model "$m/model.json" --structure "$work/start_$dr.xyz" --ensemble nvt --temperature 300 --timestep 0.5 \
      --steps 2000 --every 20 --seed 1 --bond-stretch 3 --out "$work/$name-$dr" > "$work/$name-$dr.log" 2>&1 || true
  done
done
/usr/bin/python3 - "$work" > "$here/summary.md" <<'PY'
import sys, glob, os, numpy as np
work = sys.argv[1]
def frames(fn):
    out = []; L = open(fn).read().splitlines(); k = 0
    while k < len(L):
        n = int(L[k]); out.append(np.array([[float(v) for v in L[k + 2 + i].split()[1:4]] for i in range(n)])); k += n + 2
    return out
print('C0-H3 bond (1.093 A at the start geometry) stretched by dr, 1 ps NVT at 300 K. "relaxed at" is the first')
print('frame (every 10 fs) with the bond below 1.25 A; "end" is the bond length at 1 ps, or how the stability monitor')
print('stopped the run. Models: ethanol N = 1000 sparse GPR (`results/rmd17/ethanol/<model>/N1000`).\n')
print('| model | dr (A) | relaxed at (fs) | end |')
print('|---|---|---|---|')
for dr in ('0.3', '0.5', '0.8', '1.2'):
    for d in sorted(glob.glob(f'{work}/*-{dr}')):
        if not os.path.isdir(d): continue
        b = [np.linalg.norm(x[3] - x[0]) for x in frames(d + '/trajectory.xyz')]
        first = next((10 * i for i, v in enumerate(b) if v < 1.25), None)
        bad = [l for l in open(d + '.log').read().splitlines() if 'unstable at' in l]
        end = bad[0].split('qff md: ')[1].split(' <')[0] if bad else '%.3f A' % b[-1]
        print(f'| {os.path.basename(d)[:-len(dr) - 1]} | {dr} | {first if first is not None else "-"} | {end} |')
PY
echo "wrote $here/summary.md"
