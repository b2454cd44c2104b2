"""Lists the public symbols of MesoPop's modules that have no doc comment, from the symbol graphs
that `swift package generate-documentation` extracts (.build/<triple>/extracted-symbols/). Exits 1
when there is any. Compiler-synthesized symbols and the members that only implement a standard
protocol requirement (Codable's init(from:)/encode(to:), CustomStringConvertible's description,
Equatable's ==, Error's errorDescription, …) are skipped: their documentation is the protocol's.
Usage: python3 scripts/undocumented.py [BUILD_DIR [MODULE...]] (default: .build and the modules below)"""
import glob, json, os, sys

MODULES = ["MesoCore", "GSLBridge", "SDESolvers", "RateModels", "NetworkCore", "MicroNetwork", "MesoPopulation",
           "MesoIO", "MesoConfig", "Analysis", "MesoPop"]
PROTOCOL_MEMBERS = {"init(from:)", "encode(to:)", "description", "debugDescription", "==(_:_:)", "hash(into:)",
                    "errorDescription", "failureReason", "init(stringValue:)", "init(intValue:)", "stringValue",
                    "intValue", "init(rawValue:)", "rawValue", "allCases", "makeIterator()", "errorUserInfo", "errorCode"}

build = sys.argv[1] if len(sys.argv) > 1 else ".build"
MODULES = sys.argv[2:] or MODULES
missing = []
for module in MODULES:
    for path in glob.glob(os.path.join(build, "*", "extracted-symbols", "*", module, "*.symbols.json")):
        graph = json.load(open(path))
        for symbol in graph["symbols"]:
            if symbol.get("accessLevel") not in ("public", "open") or "::SYNTHESIZED::" in symbol["identifier"]["precise"]:
                continue
            if symbol.get("docComment", {}).get("lines") or symbol["pathComponents"][-1] in PROTOCOL_MEMBERS:
                continue
            location = symbol.get("location", {})
            file = location.get("uri", "").split("/Sources/")[-1]
            line = location.get("position", {}).get("line", 0) + 1
            missing.append(f"Sources/{file}:{line}: {module}.{'.'.join(symbol['pathComponents'])}")
for entry in sorted(set(missing)):
    print(entry)
print(f"undocumented public symbols: {len(set(missing))}", file=sys.stderr)
sys.exit(1 if missing else 0)
