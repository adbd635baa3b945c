"""*IDN? round trips against an HTTP instrument server the way PyTestLab's LambBackend makes them (a new httpx.Client,
so a new connection, per request), then with one keep-alive client, for docs/performance.md.

Usage: /usr/bin/python3 docs/perf/lamb-httpx-rate.py http://127.0.0.1:18771 300   (Debian's python3-httpx)
"""
import sys
import time

import httpx

BASE, COUNT = sys.argv[1], int(sys.argv[2])
HEADERS = {"Accept": "application/json", "Accept-Charset": "utf-8"}
BODY = {"visa_string": sys.argv[3] if len(sys.argv) > 3 else "DEMO0::INSTR", "command": "*IDN?"}

start = time.perf_counter()
for _ in range(COUNT):
    with httpx.Client(timeout=30.0) as client:
        assert client.post(BASE + "/instrument/query", json=BODY, headers=HEADERS).status_code == 200
per_request = COUNT / (time.perf_counter() - start)
with httpx.Client(timeout=30.0) as client:
    start = time.perf_counter()
    for _ in range(COUNT):
        assert client.post(BASE + "/instrument/query", json=BODY, headers=HEADERS).status_code == 200
    keep_alive = COUNT / (time.perf_counter() - start)
print(f"httpx new client per request (PyTestLab): {per_request:.0f} queries/s; httpx one keep-alive client: {keep_alive:.0f} queries/s")
