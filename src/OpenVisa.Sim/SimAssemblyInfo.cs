using OpenVisa;
using OpenVisa.Sim;

[assembly: VisaBackend("sim", typeof(SimLibrary), Description = "Simulated instruments: pyvisa-sim YAML files, PyTestLab-style profiles, and built-in DMM, power supply, oscilloscope and function generator")]
