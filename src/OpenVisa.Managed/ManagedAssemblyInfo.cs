using OpenVisa.Managed;

[assembly: OpenVisa.VisaBackend("managed", typeof(ManagedLibrary),
    Description = "Pure .NET: talks to instruments directly over TCP/IP (SOCKET now; VXI-11, HiSLIP, serial, USB and GPIB to come), no VISA installation needed.")]
