# Settings shared by the benchmark scripts, sourced after they set `here` (their folder): the
# virtual environment's python, the network configuration, the duration and the MesoPop binary,
# each overridable from the environment (CONFIG, DURATION, MESOPOP).
py="$here/.venv/bin/python"
config="${CONFIG:-$here/../Examples/configs/nest_ei_network.yaml}"
duration="${DURATION:-10}"
mesopop="${MESOPOP:-$here/../.build/release/mesopop}"
if [ ! -x "$py" ]; then
    echo "$(basename "$0"): no virtual environment; run Benchmarks/setup.sh first" >&2
    exit 1
fi

tag() {  # tag KEY=VALUE...: adds fields and the 1-minute load average to each JSON line read on stdin
    "$py" -c 'import json, os, sys
extra = dict(a.split("=", 1) for a in sys.argv[1:])
for line in sys.stdin:
    if line.startswith("{"):
        print(json.dumps({**json.loads(line), **extra, "load": os.getloadavg()[0]}), flush=True)' "$@"
}
