"""Checks the JSON line `clio eval` printed last against the floors in
.ci/floors for one evaluation; exits 1, naming each miss, when any is below."""
import json
import sys

evaluation, floors_path, output_path = sys.argv[1:4]
lines = [l for l in open(output_path, encoding="utf-8").read().splitlines() if l.strip()]
result = json.loads(lines[-1])
failed = False
for line in open(floors_path, encoding="utf-8"):
    parts = line.split()
    if not parts or parts[0].startswith("#") or parts[0] != evaluation:
        continue
    key, floor = parts[1], float(parts[2])
    value = result
    for k in key.split("."):
        value = value[k]
    status = "ok" if value >= floor else "BELOW FLOOR"
    failed |= value < floor
    print(f"{evaluation} {key}: {value:.4f} (floor {floor}) {status}")
sys.exit(1 if failed else 0)
