using OpenVisa.Managed;

[assembly: OpenVisa.VisaBackend("managed", typeof(ManagedLibrary),
    Description = "Pure .NET: talks to instruments directly over TCP/IP (SOCKET and VXI-11 now; HiSLIP, serial, USB and GPIB to come), no VISA installation needed.")]
