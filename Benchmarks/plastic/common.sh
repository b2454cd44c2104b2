# Shared by the plastic-network benchmark scripts, sourced after they set `here` (their folder) and
# `default_out`: the repository root, the MesoPop binary (MESOPOP) and the output folder (OUT, created).
root="$here/../.."
mesopop="${MESOPOP:-$root/.build/release/mesopop}"
out="${OUT:-$default_out}"
mkdir -p "$out"
