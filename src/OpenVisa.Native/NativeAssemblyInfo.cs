using OpenVisa;
using OpenVisa.Native;

[assembly: VisaBackend("ivi", typeof(IviLibrary), Probe = typeof(IviProbe),
    Description = "The installed VISA library (NI-VISA, Keysight IO Libraries, R&S VISA, libopenvisa) through its C API")]
