"""The PyVISA clients of `ovisa perf`: the same line protocol as `ovisa perf client`.

Run with Debian's interpreter (/usr/bin/python3) and Debian's python3-pyvisa-py. --backend is the PyVISA backend:
"@py" (pyvisa-py, the default) or "PATH/libopenvisa.so@ivi" (PyVISA's ctypes wrapper over that VISA library), so both
clients run exactly this code. It opens the resource, checks the
replies once, prints {"ready": true, ...}, then answers each command on stdin with one JSON line:
  roundtrips SECONDS   back-to-back query('*IDN?')
  block SECONDS        back-to-back query_binary_values('DATA?', datatype='s', container=bytes)
  quit
CPU time is time.process_time() (user + system of the whole process), as the .NET clients measure theirs.
Blocks use datatype 's' with container=bytes, pyvisa's cheapest way to get the payload (no numpy here).
"""
import argparse
import json
import math
import sys
import time

IDENTITY = "OpenVisa,PerfDevice,0,1.0"


def emit(value):
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


def percentile_us(sorted_ns, percentile):
    if not sorted_ns:
        return None
    rank = max(1, math.ceil(percentile / 100.0 * len(sorted_ns)))
    return sorted_ns[rank - 1] / 1000.0


def read_block(inst):
    return inst.query_binary_values("DATA?", datatype="s", container=bytes)


def roundtrips(inst, seconds):
    query = inst.query
    latencies = []
    record = latencies.append
    clock = time.perf_counter_ns
    cpu = time.process_time()
    start = now = clock()
    deadline = start + int(seconds * 1e9)
    while True:
        query("*IDN?")
        after = clock()
        record(after - now)
        now = after
        if now >= deadline:
            break
    cpu = time.process_time() - cpu
    latencies.sort()
    return {
        "queries": len(latencies),
        "seconds": (now - start) / 1e9,
        "cpuSeconds": cpu,
        "p50Us": percentile_us(latencies, 50),
        "p99Us": percentile_us(latencies, 99),
    }


def blocks(inst, seconds):
    cpu = time.process_time()
    start = time.perf_counter()
    count = 0
    received = 0
    while True:
        received += len(read_block(inst))
        count += 1
        if time.perf_counter() - start >= seconds:
            break
    return {
        "queries": count,
        "seconds": time.perf_counter() - start,
        "cpuSeconds": time.process_time() - cpu,
        "bytes": received,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resource", required=True)
    parser.add_argument("--read-termination", default="\n", help="empty for protocols that mark message ends (VXI-11)")
    parser.add_argument("--block-bytes", type=int, required=True)
    parser.add_argument("--timeout-ms", type=int, default=60000)
    parser.add_argument("--backend", default="@py", help='the PyVISA backend: "@py" or "PATH/libopenvisa.so@ivi"')
    parser.add_argument("--client", default="pyvisa-py", help="the client's name in the harness's results")
    args = parser.parse_args()
    try:
        import pyvisa
        from importlib.metadata import version

        manager = pyvisa.ResourceManager(args.backend)
        inst = manager.open_resource(
            args.resource,
            read_termination=args.read_termination or None,
            write_termination="\n",
            timeout=args.timeout_ms,
        )
        identity = inst.query("*IDN?")
        if not args.read_termination:
            # Messages end with END (VXI-11): the reply keeps the device's newline, as it does for any pyvisa user.
            identity = identity.rstrip("\r\n")
        if identity != IDENTITY:
            raise ValueError("*IDN? answered %r, not the perf device's %r" % (identity, IDENTITY))
        payload = read_block(inst)
        expected = bytes(range(256)) * (args.block_bytes // 256) + bytes(range(args.block_bytes % 256))
        if payload != expected:
            raise ValueError("DATA? gave %d bytes that differ from the %d the server sends" % (len(payload), args.block_bytes))
    except Exception as e:  # any failure is reported on the protocol, so the harness can name it
        emit({"error": "%s client (PyVISA backend %s) could not start on %s: %s: %s" % (args.client, args.backend, args.resource, type(e).__name__, e)})
        return 1
    emit({"ready": True, "client": args.client, "backend": args.backend, "pyvisa": pyvisa.__version__, "pyvisaPy": version("pyvisa-py")})
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        try:
            if words[0] == "roundtrips" and len(words) == 2:
                emit(roundtrips(inst, float(words[1])))
            elif words[0] == "block" and len(words) == 2:
                emit(blocks(inst, float(words[1])))
            else:
                emit({"error": "unknown %s client command %r; expected roundtrips S, block S or quit" % (args.client, line.strip())})
        except Exception as e:
            emit({"error": "%r failed on %s: %s: %s" % (line.strip(), args.resource, type(e).__name__, e)})
    inst.close()
    manager.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
