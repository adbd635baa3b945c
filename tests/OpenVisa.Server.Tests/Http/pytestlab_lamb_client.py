"""Issues exactly the requests PyTestLab's LambBackend sends (a new httpx.Client per request, JSON bodies,
Accept: application/json and Accept-Charset: utf-8) and prints what came back as one JSON document.

Usage: python3 pytestlab_lamb_client.py BASE_URL MODEL SERIAL
"""
import json
import sys

import httpx

BASE, MODEL, SERIAL = sys.argv[1], sys.argv[2], sys.argv[3]
HEADERS = {"Accept": "application/json", "Accept-Charset": "utf-8"}
TIMEOUT = 30.0


def post(path, body, accept=None):
    headers = dict(HEADERS)
    if accept:
        headers["Accept"] = accept
    with httpx.Client(timeout=TIMEOUT) as client:
        return client.post(f"{BASE}{path}", json=body, headers=headers)


out = {}
r = post("/add", {"model_name": MODEL, "serial_number": SERIAL})
out["add"] = [r.status_code, r.text]
visa = r.text
r = post("/instrument/query", {"visa_string": visa, "command": "*IDN?"})
out["idn"] = [r.status_code, r.text.strip()]
r = post("/instrument/write", {"visa_string": visa, "command": "*TRG"})
out["write"] = [r.status_code, r.text]
r = post("/instrument/query", {"visa_string": visa, "command": "TRIG:COUN?"})
out["count"] = [r.status_code, r.text.strip()]
r = post("/instrument/query_raw", {"visa_string": visa, "command": "DATA? 100000"}, accept="application/octet-stream")
data = r.content
header = int(chr(data[1]))
length = int(data[2:2 + header])
payload = data[2 + header:2 + header + length]
out["raw"] = [r.status_code, r.headers.get("content-type"), length, all(payload[i] == i % 256 for i in range(length))]
with httpx.Client(timeout=TIMEOUT) as client:
    r = client.get(f"{BASE}/list_resources", headers=HEADERS)
out["list"] = [r.status_code, r.json()]
r = post("/instrument/query", {"visa_string": "GPIB0::9::INSTR", "command": "*IDN?"})
out["unknown"] = [r.status_code, r.text]
r = post("/add", {"model_name": "NO-SUCH-MODEL"})
out["no_model"] = [r.status_code, r.text]
print(json.dumps(out, separators=(",", ":")))
