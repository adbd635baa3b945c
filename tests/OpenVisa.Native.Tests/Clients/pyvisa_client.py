"""Debian's PyVISA (its @ivi ctypes wrapper) driving libopenvisa: run by LibOpenVisaPyvisaTests.

Usage: pyvisa_client.py LIBRARY RESOURCE MODE, where MODE is "sim" (the built-in scope: block, SRQ) or "socket" (the
test's SOCKET device). Prints one "name: value" line per check; the test compares them.
"""
import sys

import pyvisa
from pyvisa import constants

library, resource, mode = sys.argv[1:4]
rm = pyvisa.ResourceManager(library + "@ivi")
if mode == "sim":
    print("resources:", resource in rm.list_resources("?*"))
inst = rm.open_resource(resource, read_termination="\n", write_termination="\n")
print("idn:", inst.query("*IDN?"))
inst.timeout = 3456
print("timeout:", inst.timeout, inst.get_visa_attribute(constants.VI_ATTR_TMO_VALUE))
print("manufacturer:", inst.get_visa_attribute(constants.VI_ATTR_RSRC_MANF_NAME))
desc, _ = rm.visalib.status_description(inst.session, constants.StatusCode.error_timeout)
print("status_description:", desc)
if mode == "sim":
    points = int(inst.query(":WAVeform:POINts?"))
    data = inst.query_binary_values(":WAVeform:DATA?", datatype="B", container=bytes)
    print("block:", len(data) == points, points)
    print("stb:", inst.read_stb())
    inst.clear()
    inst.lock_excl(5000)
    print("locked:", inst.get_visa_attribute(constants.VI_ATTR_RSRC_LOCK_STATE) == constants.AccessModes.exclusive_lock)
    inst.unlock()
    inst.enable_event(constants.EventType.service_request, constants.EventMechanism.queue)
    inst.write("*SRE 16")
    inst.write("*IDN?")
    response = inst.wait_on_event(constants.EventType.service_request, 10000)
    print("srq:", response.event.event_type == constants.EventType.service_request, response.timed_out)
    print("after_srq:", inst.read())
else:
    data = inst.query_binary_values("BLOCK?", datatype="B", container=list)
    print("block:", data)
    inst.timeout = 300
    try:
        inst.query("SLOW?")
        print("timeout_error: none")
    except pyvisa.VisaIOError as e:
        print("timeout_error:", e.abbreviation)
inst.close()
rm.close()
print("done: ok")
