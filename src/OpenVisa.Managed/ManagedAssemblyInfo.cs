using OpenVisa.Managed;

[assembly: OpenVisa.VisaBackend("managed", typeof(ManagedLibrary),
    Description = "Pure .NET: talks to instruments directly over TCP/IP (SOCKET, VXI-11, HiSLIP), serial, USB (libusb) and GPIB, no VISA installation needed.")]
