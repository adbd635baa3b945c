using OpenVisa;
using OpenVisa.Lamb;

[assembly: VisaBackend("lamb", typeof(LambLibrary), Description = "Instruments on a Lamb-compatible HTTP server (PyTestLab's Lamb, or ovisa serve --http): http://host:8000@lamb")]
