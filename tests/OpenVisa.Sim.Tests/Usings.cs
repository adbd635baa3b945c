namespace OpenVisa.Sim.Tests;
