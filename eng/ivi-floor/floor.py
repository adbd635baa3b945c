"""Client CPU per *IDN? query of PyVISA's @ivi backend over a zero-cost VISA library (the floor), over libopenvisa, and
of pyvisa-py, in alternating rounds in one process (see docs/performance.md, "@ivi over libopenvisa").

Usage (Debian's interpreter, python3-pyvisa and python3-pyvisa-py installed):
    python3 floor.py SOCKET_RESOURCE FLOOR_LIBRARY IO_FLOOR_LIBRARY [LIBOPENVISA] [ROUNDS] [QUERIES]
SOCKET_RESOURCE is a TCPIP SOCKET resource of a running server (`ovisa serve --demo --socket 0` prints it),
FLOOR_LIBRARY the stub built from floorvisa.c (answers from memory), IO_FLOOR_LIBRARY the same built with -DFLOOR_IO
(one send and one recv per query), LIBOPENVISA the library eng/build-libopenvisa.sh builds (libopenvisa must reach the
same server: its default backend, @managed, opens SOCKET_RESOURCE); an empty argument leaves a library out. Every client sends "*IDN?\\n" and
reads the reply; CPU is time.process_time() (every thread of this process, user + system) per query.
eng/ivi-floor/measure.sh runs all of it.
"""
import ctypes
import os
import socket
import statistics
import sys
import time

import pyvisa


def pyvisa_client(spec, resource):
    rm = pyvisa.ResourceManager(spec)
    res = rm.open_resource(resource, read_termination="\n", write_termination="\n")
    res.timeout = 2000
    return lambda: res.query("*IDN?")


def ctypes_client(path, resource, chunk):
    """viWrite + viRead straight through ctypes, with PyVISA's read size: what any ctypes wrapper pays at least."""
    lib = ctypes.CDLL(path)
    rm, vi = ctypes.c_uint32(), ctypes.c_uint32()
    check(lib.viOpenDefaultRM(ctypes.byref(rm)), "viOpenDefaultRM", path)
    check(lib.viOpen(rm, resource.encode(), 0, 0, ctypes.byref(vi)), "viOpen", path)
    check(lib.viSetAttribute(vi, 0x3FFF0038, ctypes.c_uint64(1)), "viSetAttribute(VI_ATTR_TERMCHAR_EN)", path)
    buffer = ctypes.create_string_buffer(chunk)
    count = ctypes.c_uint32()
    message = b"*IDN?\n"

    def query():
        lib.viWrite(vi, message, len(message), ctypes.byref(count))
        status = lib.viRead(vi, buffer, chunk, ctypes.byref(count))
        if status < 0:
            raise RuntimeError("viRead failed with status 0x%08X in %s" % (status & 0xFFFFFFFF, path))
        return buffer.raw[: count.value]

    return query


def socket_client(resource):
    """Python's own sendall + recv: the floor of any Python client that does the I/O itself."""
    parts = resource.split("::")
    sock = socket.create_connection((parts[1], int(parts[2])))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def query():
        sock.sendall(b"*IDN?\n")
        reply = sock.recv(4096)
        while not reply.endswith(b"\n"):
            reply += sock.recv(4096)
        return reply

    return query


def check(status, operation, path):
    if status < 0:
        raise RuntimeError("%s failed with status 0x%08X in %s" % (operation, status & 0xFFFFFFFF, path))


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    resource, floor = argv[1], os.path.abspath(argv[2])
    io_floor = os.path.abspath(argv[3]) if len(argv) > 3 and argv[3] else None
    libopenvisa = os.path.abspath(argv[4]) if len(argv) > 4 and argv[4] else None
    rounds = int(argv[5]) if len(argv) > 5 else 7
    queries = int(argv[6]) if len(argv) > 6 else 3000
    chunk = 20 * 1024  # PyVISA's default chunk_size, the count it passes to every viRead

    clients = {
        "Python socket (sendall + recv)": socket_client(resource),
        "bare ctypes over the floor stub": ctypes_client(floor, resource, chunk),
        "PyVISA @ivi over the floor stub": pyvisa_client(floor + "@ivi", resource),
        "pyvisa-py (@py)": pyvisa_client("@py", resource),
    }
    # PyVISA's layer after the thread has slept, as it does in every real query while the reply is on its way: on a
    # busy machine other processes take the core meanwhile, and the Python code then runs from cold caches.
    floor_query = clients["PyVISA @ivi over the floor stub"]
    clients["a 20 us sleep alone"] = lambda: time.sleep(20e-6)
    clients["a 20 us sleep, then PyVISA @ivi over the floor stub"] = lambda: (time.sleep(20e-6), floor_query())[1]
    if io_floor:
        clients["bare ctypes over the I/O floor stub"] = ctypes_client(io_floor, resource, chunk)
        clients["PyVISA @ivi over the I/O floor stub"] = pyvisa_client(io_floor + "@ivi", resource)
    if libopenvisa:
        clients["bare ctypes over libopenvisa"] = ctypes_client(libopenvisa, resource, chunk)
        clients["PyVISA @ivi over libopenvisa"] = pyvisa_client(libopenvisa + "@ivi", resource)

    for name, query in clients.items():
        reply = query()
        if name.startswith("a 20 us sleep"):
            continue
        if b"," not in (reply if isinstance(reply, bytes) else reply.encode()):
            raise RuntimeError("%s: unexpected reply %r to *IDN?" % (name, reply))
        for _ in range(300):
            query()

    cpu = {name: [] for name in clients}
    for _ in range(rounds):
        for name, query in clients.items():
            start = time.process_time()
            for _ in range(queries):
                query()
            cpu[name].append((time.process_time() - start) / queries * 1e6)

    print("load average %.1f %.1f %.1f; %d alternating rounds of %d queries; CPU per query in us" % (os.getloadavg() + (rounds, queries)))
    print("| client | median round | best round | rounds |")
    print("|---|---:|---:|---|")
    for name, values in cpu.items():
        print("| %s | %.1f | %.1f | %s |" % (name, statistics.median(values), min(values), " ".join("%.1f" % v for v in values)))
    py = cpu["pyvisa-py (@py)"]
    for name in ("PyVISA @ivi over the floor stub", "PyVISA @ivi over the I/O floor stub", "PyVISA @ivi over libopenvisa"):
        if name in cpu:
            per_round = [a / b for a, b in zip(cpu[name], py)]
            print("%s / pyvisa-py: median of round ratios %.2f, best/best %.2f (target <= 0.5)"
                  % (name, statistics.median(per_round), min(cpu[name]) / min(py)))
    if libopenvisa:
        for floor_name in ("PyVISA @ivi over the floor stub", "PyVISA @ivi over the I/O floor stub"):
            if floor_name in cpu:
                ours, theirs = cpu["PyVISA @ivi over libopenvisa"], cpu[floor_name]
                above = [a - b for a, b in zip(ours, theirs)]
                print("PyVISA @ivi: libopenvisa above %s: median of same-round differences %.1f us, best rounds %.1f - %.1f = %.1f us"
                      % (floor_name[len("PyVISA @ivi over "):], statistics.median(above), min(ours), min(theirs), min(ours) - min(theirs)))
        if io_floor:
            ours, theirs = cpu["bare ctypes over libopenvisa"], cpu["bare ctypes over the I/O floor stub"]
            above = [a - b for a, b in zip(ours, theirs)]
            print("bare ctypes: libopenvisa above the I/O floor stub: median of same-round differences %.1f us, best rounds %.1f - %.1f = %.1f us"
                  % (statistics.median(above), min(ours), min(theirs), min(ours) - min(theirs)))
    sleep, after = cpu["a 20 us sleep alone"], cpu["a 20 us sleep, then PyVISA @ivi over the floor stub"]
    print("PyVISA @ivi over the floor stub after a sleep: median of same-round differences %.1f us (%.1f us without the sleep)"
          % (statistics.median([a - b for a, b in zip(after, sleep)]), statistics.median(cpu["PyVISA @ivi over the floor stub"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
